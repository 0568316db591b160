using System.Buffers.Binary;

namespace Ivr.Media.Wav;

/// <summary>
/// The canonical 44-byte header of a 16-bit mono PCM WAV (RIFF chunk, <c>fmt </c> chunk of 16 bytes, <c>data</c>
/// chunk), as a WAV written while it is recorded uses it: first with <see cref="Placeholder"/> in both sizes, patched
/// with the real sizes when the recording ends — or, after a crash, by <see cref="WavRepair"/> from the file's length.
/// </summary>
public static class WavHeader
{
    public const int Length = 44;

    /// <summary>The size written until the real one is known (the "unknown length" of streamed WAVs).</summary>
    public const uint Placeholder = uint.MaxValue;

    private const int RiffSizeOffset = 4;
    private const int DataSizeOffset = 40;

    /// <summary>A header with placeholder sizes.</summary>
    public static byte[] Streaming(int sampleRate)
    {
        var header = new byte[Length];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(RiffSizeOffset), Placeholder);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), (uint)sampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(DataSizeOffset), Placeholder);
        return header;
    }

    /// <summary>Whether <paramref name="file"/> starts with a header of ours whose data size is still the placeholder.</summary>
    public static bool IsUnfinished(Stream file)
    {
        Span<byte> header = stackalloc byte[Length];
        file.Position = 0;
        if (file.ReadAtLeast(header, Length, throwOnEndOfStream: false) < Length) return false;
        return header[..4].SequenceEqual("RIFF"u8) && header.Slice(8, 8).SequenceEqual("WAVEfmt "u8) && header.Slice(36, 4).SequenceEqual("data"u8)
            && BinaryPrimitives.ReadUInt32LittleEndian(header[DataSizeOffset..]) == Placeholder;
    }

    /// <summary>Cuts <paramref name="file"/> to <paramref name="dataBytes"/> of audio (even) and writes the real sizes.</summary>
    public static void Patch(FileStream file, long dataBytes)
    {
        dataBytes = Math.Min(dataBytes & ~1L, uint.MaxValue - 36 - 1);
        file.SetLength(Length + dataBytes);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)(36 + dataBytes));
        file.Position = RiffSizeOffset;
        file.Write(size);
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)dataBytes);
        file.Position = DataSizeOffset;
        file.Write(size);
    }
}
