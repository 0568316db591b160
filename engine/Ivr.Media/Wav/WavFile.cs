using System.Buffers.Binary;

namespace Ivr.Media.Wav;

/// <summary>
/// Reads and writes RIFF WAVE files: 16-bit PCM, G.711 µ-law and A-law, any rate and channel count
/// on read (callers check <see cref="WavAudio.SampleRate"/>); 8 kHz mono 16-bit PCM on write.
/// </summary>
public static class WavFile
{
    public static WavAudio Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    public static WavAudio Read(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static WavAudio Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file.Slice(8, 4).SequenceEqual("WAVE"u8))
            throw new WavFormatException("not a WAV file (no RIFF/WAVE header)");

        WavEncoding? encoding = null;
        int channels = 0, rate = 0, bits = 0;
        var position = 12;
        while (position + 8 <= file.Length)
        {
            var id = file.Slice(position, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(file.Slice(position + 4, 4));
            var body = position + 8;
            if (size < 0 || body + size > file.Length)
            {
                if (!id.SequenceEqual("data"u8)) throw new WavFormatException("truncated WAV file");
                size = file.Length - body; // tolerate a data chunk whose size was never patched
            }

            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16) throw new WavFormatException("WAV fmt chunk too short");
                var fmt = file.Slice(body, size);
                var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                if (tag == 0xFFFE && size >= 26) tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]); // WAVE_FORMAT_EXTENSIBLE
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
                encoding = tag switch
                {
                    1 when bits == 16 => WavEncoding.Pcm,
                    6 when bits == 8 => WavEncoding.ALaw,
                    7 when bits == 8 => WavEncoding.MuLaw,
                    _ => throw new WavFormatException($"unsupported WAV encoding (format {tag}, {bits} bits); expected 16-bit PCM, µ-law or A-law"),
                };
                if (channels < 1 || rate <= 0) throw new WavFormatException("WAV fmt chunk has no channels or sample rate");
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (encoding is null) throw new WavFormatException("WAV data chunk before fmt chunk");
                return new WavAudio(rate, channels, bits, encoding.Value, Decode(file.Slice(body, size), encoding.Value, channels));
            }

            position = body + size + (size & 1);
        }

        throw new WavFormatException(encoding is null ? "WAV file has no fmt chunk" : "WAV file has no data chunk");
    }

    /// <summary>Writes 8 kHz mono 16-bit PCM.</summary>
    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate = 8000)
    {
        using var stream = File.Create(path);
        Write(stream, samples, sampleRate);
    }

    public static void Write(Stream stream, ReadOnlySpan<short> samples, int sampleRate = 8000)
    {
        Span<byte> header = stackalloc byte[44];
        var dataBytes = samples.Length * 2;
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], dataBytes);
        stream.Write(header);
        Span<byte> chunk = stackalloc byte[2048];
        for (var i = 0; i < samples.Length; i += chunk.Length / 2)
        {
            var n = Math.Min(chunk.Length / 2, samples.Length - i);
            for (var j = 0; j < n; j++) BinaryPrimitives.WriteInt16LittleEndian(chunk[(j * 2)..], samples[i + j]);
            stream.Write(chunk[..(n * 2)]);
        }
    }

    private static short[] Decode(ReadOnlySpan<byte> data, WavEncoding encoding, int channels)
    {
        var bytesPerFrame = (encoding == WavEncoding.Pcm ? 2 : 1) * channels;
        var frames = data.Length / bytesPerFrame;
        var samples = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            var at = i * bytesPerFrame;
            samples[i] = encoding switch
            {
                WavEncoding.Pcm => BinaryPrimitives.ReadInt16LittleEndian(data[at..]),
                WavEncoding.MuLaw => G711Decode.MuLaw(data[at]),
                _ => G711Decode.ALaw(data[at]),
            };
        }

        return samples;
    }
}
