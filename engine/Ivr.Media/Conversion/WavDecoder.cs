using Ivr.Media.Wav;
using NAudio.Wave;

namespace Ivr.Media.Conversion;

/// <summary>Reads an uploaded WAV with NAudio: linear PCM and float through its sample providers, G.711 through <see cref="WavFile"/>.</summary>
internal static class WavDecoder
{
    public static DecodedAudio Decode(byte[] upload)
    {
        try
        {
            using var reader = new WaveFileReader(new MemoryStream(upload, writable: false));
            var format = reader.WaveFormat;
            if (format.Channels < 1 || format.SampleRate < 4000 || format.SampleRate > 192000)
                throw new UnsupportedAudioException($"WAV with {format.Channels} channels at {format.SampleRate} Hz; expected 1 or more channels at 4,000–192,000 Hz");
            var description = $"WAV {format.Encoding} {format.BitsPerSample}-bit {format.SampleRate} Hz, {format.Channels} channel{(format.Channels == 1 ? "" : "s")}";
            if (IsG711(format))
            {
                var g711 = WavFile.Read(upload); // first channel: G.711 files are telephone recordings, mono
                return new DecodedAudio(g711.Samples, g711.SampleRate, description);
            }

            var provider = reader.ToSampleProvider();
            var interleaved = new List<float>((int)Math.Min(reader.Length / Math.Max(1, format.BitsPerSample / 8), UploadedAudio.MaxBytes));
            var buffer = new float[format.SampleRate * format.Channels];
            int read;
            while ((read = provider.Read(buffer.AsSpan())) > 0) interleaved.AddRange(buffer.AsSpan(0, read));
            return new DecodedAudio(DecodedAudio.MixDown(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(interleaved), format.Channels), format.SampleRate, description);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException or ArgumentException or WavFormatException)
        {
            throw new UnsupportedAudioException($"not a WAV file Ivr can read: {e.Message}");
        }
    }

    private static bool IsG711(WaveFormat format) => format.Encoding is WaveFormatEncoding.MuLaw or WaveFormatEncoding.ALaw;
}
