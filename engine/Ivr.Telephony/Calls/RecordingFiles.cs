namespace Ivr.Telephony.Calls;

/// <summary>File names for recordings: the SIP Call-ID may hold any token character (RFC 3261 §25.1), even '/'.</summary>
internal static class RecordingFiles
{
    /// <summary>Keeps letters, digits, '-', '_' and '.'; anything else becomes '_'. Never empty, never "." or "..".</summary>
    public static string SafeName(string callId)
    {
        var chars = callId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : c == '.' ? '.' : '_').ToArray();
        var name = new string(chars).Trim('.');
        if (name.Length > 100) name = name[..100];
        return name.Length == 0 ? "call" : name;
    }
}
