namespace Ivr.Media.Conversion;

/// <summary>Tells an upload's container by its first bytes, never by its name or declared type.</summary>
internal static class UploadFormat
{
    public enum Kind
    {
        Unknown,
        Wav,
        Mp3,
    }

    public static Kind Of(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WAVE"u8)) return Kind.Wav;
        if (data.Length >= 10 && data[..3].SequenceEqual("ID3"u8)) return Kind.Mp3; // an ID3v2 tag, then frames
        if (data.Length >= 4 && data[0] == 0xFF && (data[1] & 0xE0) == 0xE0 && (data[1] & 0x06) == 0x02) return Kind.Mp3; // frame sync, layer III
        return Kind.Unknown;
    }
}
