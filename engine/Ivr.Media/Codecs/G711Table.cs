namespace Ivr.Media.Codecs;

/// <summary>The lookup tables behind <see cref="MuLaw"/> and <see cref="ALaw"/>, and the span loops over them.</summary>
internal static class G711Table
{
    /// <summary>A 64 Ki-entry table: the code of every 16-bit sample, indexed by the sample as ushort.</summary>
    public static byte[] Compressing(Func<short, byte> rule)
    {
        var table = new byte[65536];
        for (var i = 0; i < table.Length; i++) table[i] = rule((short)(ushort)i);
        return table;
    }

    /// <summary>A 256-entry table: the sample of every code.</summary>
    public static short[] Expanding(Func<byte, short> rule)
    {
        var table = new short[256];
        for (var i = 0; i < table.Length; i++) table[i] = rule((byte)i);
        return table;
    }

    public static void Encode(byte[] table, ReadOnlySpan<short> samples, Span<byte> codes)
    {
        if (codes.Length < samples.Length) throw new ArgumentException($"need {samples.Length} bytes for the codes, got {codes.Length}", nameof(codes));
        for (var i = 0; i < samples.Length; i++) codes[i] = table[(ushort)samples[i]];
    }

    public static void Decode(short[] table, ReadOnlySpan<byte> codes, Span<short> samples)
    {
        if (samples.Length < codes.Length) throw new ArgumentException($"need {codes.Length} samples for the output, got {samples.Length}", nameof(samples));
        for (var i = 0; i < codes.Length; i++) samples[i] = table[codes[i]];
    }
}
