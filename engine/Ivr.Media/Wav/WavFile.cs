using System.Runtime.InteropServices;
using NAudio.Wave;

namespace Ivr.Media.Wav;

/// <summary>
/// Reads and writes RIFF WAVE files with NAudio (<see cref="WaveFileReader"/>, <see cref="WaveFileWriter"/>):
/// 16-bit PCM, G.711 µ-law and A-law (also as WAVE_FORMAT_EXTENSIBLE), any rate and channel count on
/// read (callers check <see cref="WavAudio.SampleRate"/>); 16-bit mono PCM on write. A data chunk whose
/// size was never patched (a recorder that died) is read up to the end of the file.
/// </summary>
public static class WavFile
{
    public static WavAudio Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    public static WavAudio Read(ReadOnlySpan<byte> file)
    {
        using var stream = new MemoryStream(file.ToArray(), writable: false);
        return Read(stream);
    }

    public static WavAudio Read(Stream stream)
    {
        if (!stream.CanSeek)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            return Read(copy);
        }

        try
        {
            using var reader = new WaveFileReader(stream); // does not close the caller's stream
            var format = reader.WaveFormat;
            var encoding = EncodingOf(format);
            if (format.Channels < 1 || format.SampleRate <= 0) throw new WavFormatException("WAV fmt chunk has no channels or sample rate");
            var samples = WavSamples.FirstChannel(ReadData(reader), encoding, format.Channels);
            return new WavAudio(format.SampleRate, format.Channels, format.BitsPerSample, encoding, samples);
        }
        catch (FormatException e)
        {
            throw new WavFormatException($"not a WAV file ({e.Message})");
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new WavFormatException($"truncated WAV file ({e.Message})");
        }
    }

    /// <summary>Writes mono 16-bit PCM, 8 kHz unless told otherwise.</summary>
    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate = 8000)
    {
        using var stream = File.Create(path);
        Write(stream, samples, sampleRate);
    }

    public static void Write(Stream stream, ReadOnlySpan<short> samples, int sampleRate = 8000)
    {
        using var writer = new WaveFileWriter(stream, new WaveFormat(sampleRate, 16, 1)); // leaves the caller's stream open
        if (BitConverter.IsLittleEndian) writer.Write(MemoryMarshal.AsBytes(samples)); // WAV is little-endian: the bytes as they are
        else writer.WriteSamples(samples.ToArray(), 0, samples.Length);
    }

    private static WavEncoding EncodingOf(WaveFormat format)
    {
        var tag = format is WaveFormatExtensible extensible
            ? BitConverter.ToUInt16(extensible.SubFormat.ToByteArray(), 0) // the sub-format GUID starts with the format tag
            : (int)format.Encoding;
        return (tag, format.BitsPerSample) switch
        {
            (1, 16) => WavEncoding.Pcm,
            (6, 8) => WavEncoding.ALaw,
            (7, 8) => WavEncoding.MuLaw,
            _ => throw new WavFormatException($"unsupported WAV encoding (format {tag}, {format.BitsPerSample} bits); expected 16-bit PCM, µ-law or A-law"),
        };
    }

    /// <summary>The data chunk, or as much of it as the file holds.</summary>
    private static byte[] ReadData(WaveFileReader reader)
    {
        var blockAlign = reader.WaveFormat.BlockAlign;
        if (blockAlign <= 0) throw new WavFormatException("WAV fmt chunk has no block alignment");
        using var data = new MemoryStream();
        var buffer = new byte[blockAlign * Math.Max(1, 65536 / blockAlign)]; // the reader wants whole sample frames
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0) data.Write(buffer, 0, read);
        return data.ToArray();
    }
}
