using NAudio.Wave;
using NLayer;

namespace Ivr.Media.Conversion;

/// <summary>
/// Decodes an uploaded MP3. NAudio.Core checks the first frame header (<see cref="Mp3Frame"/>); it has no MP3 decoder of
/// its own off Windows (its <c>Mp3FileReaderBase</c> needs an <c>IMp3FrameDecompressor</c>, and those it ships use ACM or
/// DMO), so the fully managed NLayer decoder turns the frames into samples.
/// </summary>
internal static class Mp3Decoder
{
    public static DecodedAudio Decode(byte[] upload)
    {
        try
        {
            using (var probe = new MemoryStream(upload, writable: false))
            {
                if (Mp3Frame.LoadFromStream(probe) is null) throw new UnsupportedAudioException("not audio: no MP3 frame found");
            }

            using var file = new MpegFile(new MemoryStream(upload, writable: false));
            var channels = file.Channels;
            var rate = file.SampleRate;
            if (channels < 1 || rate < 4000) throw new UnsupportedAudioException($"MP3 with {channels} channels at {rate} Hz cannot be converted");
            var interleaved = new List<float>(rate * channels * 10);
            var buffer = new float[rate * channels];
            int read;
            while ((read = file.ReadSamples(buffer, 0, buffer.Length)) > 0)
            {
                interleaved.AddRange(buffer.AsSpan(0, read));
                if (interleaved.Count / channels / rate > UploadedAudio.MaxDuration.TotalSeconds + 1) break; // long enough to refuse
            }

            return new DecodedAudio(DecodedAudio.MixDown(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(interleaved), channels), rate,
                $"MP3 {rate} Hz, {channels} channel{(channels == 1 ? "" : "s")}");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            throw new UnsupportedAudioException($"not an MP3 file Ivr can read: {e.Message}");
        }
    }
}
