namespace Ivr.Media.Dtmf;

/// <summary>
/// The 16 DTMF keys and their RFC 4733 event codes (§3.2, Table 7: 0–9 are the digits, 10 '*',
/// 11 '#', 12–15 'A'–'D').
/// </summary>
public static class DtmfKey
{
    private const string Keys = "0123456789*#ABCD";

    /// <summary>The key for an RFC 4733 event code, or null when the code is not a DTMF event.</summary>
    public static char? FromEvent(int eventCode) => (uint)eventCode < Keys.Length ? Keys[eventCode] : null;

    /// <summary>The RFC 4733 event code of a key (case-insensitive for A–D), or null when it is not a key.</summary>
    public static int? ToEvent(char key)
    {
        var index = Keys.IndexOf(char.ToUpperInvariant(key));
        return index < 0 ? null : index;
    }

    public static bool IsKey(char key) => ToEvent(key) is not null;
}
