using System.Buffers.Binary;
using NAudio.Codecs;
using NAudio.Wave;

namespace Ivr.Flows.Prompts;

/// <summary>
/// Reads a prompt's audio with NAudio: the WAV format and, for 16-bit PCM, G.711 µ-law or A-law
/// (also as WAVE_FORMAT_EXTENSIBLE), the first channel as 16-bit linear samples. Flows reads WAV
/// here rather than through Ivr.Media so that the flow layer knows nothing of the media stack.
/// </summary>
internal static class PromptWavFile
{
    public sealed record Audio(int SampleRate, int Channels, short[] Samples)
    {
        public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
    }

    /// <exception cref="InvalidDataException">not a WAV file of a supported encoding; the message says why.</exception>
    public static Audio Read(string path)
    {
        try
        {
            using var reader = new WaveFileReader(path);
            var format = reader.WaveFormat;
            var tag = format is WaveFormatExtensible extensible ? BitConverter.ToUInt16(extensible.SubFormat.ToByteArray(), 0) : (int)format.Encoding;
            Func<byte[], int, short> decode = (tag, format.BitsPerSample) switch
            {
                (1, 16) => (data, at) => BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(at)),
                (6, 8) => (data, at) => ALawDecoder.ALawToLinearSample(data[at]),
                (7, 8) => (data, at) => MuLaw(data[at]),
                _ => throw new InvalidDataException($"unsupported WAV encoding (format {tag}, {format.BitsPerSample} bits); expected 16-bit PCM, µ-law or A-law"),
            };
            if (format.Channels < 1 || format.SampleRate <= 0 || format.BlockAlign <= 0) throw new InvalidDataException("WAV fmt chunk has no channels, sample rate or block alignment");
            using var data = new MemoryStream();
            var buffer = new byte[format.BlockAlign * Math.Max(1, 65536 / format.BlockAlign)]; // the reader wants whole sample frames
            for (int read; (read = reader.Read(buffer, 0, buffer.Length)) > 0;) data.Write(buffer, 0, read);
            var bytes = data.GetBuffer();
            var bytesPerFrame = format.BitsPerSample / 8 * format.Channels;
            var samples = new short[data.Length / bytesPerFrame];
            for (var i = 0; i < samples.Length; i++) samples[i] = decode(bytes, i * bytesPerFrame);
            return new Audio(format.SampleRate, format.Channels, samples);
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>NAudio's µ-law table, except for the negative zero 0x7F: ITU-T G.191 (and the media codec) gives 0, NAudio −1.</summary>
    private static short MuLaw(byte code) => code == 0x7F ? (short)0 : MuLawDecoder.MuLawToLinearSample(code);
}
