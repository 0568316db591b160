using ChannelRecordingResult = Ivr.Core.Channel.RecordingResult;
using MediaRecordingResult = Ivr.Media.Recording.RecordingResult;

namespace Ivr.Telephony.Calls;

/// <summary>Finishes a call's recordings, <c>&lt;call-id&gt;-&lt;n&gt;.wav</c> (<see cref="RecordingStream"/>), and words the result for the flow.</summary>
public static class RecordingFiles
{
    /// <summary>Keeps letters, digits, '-', '_' and '.' of a Call-ID (which may hold any token character, RFC 3261 §25.1, even '/');
    /// anything else becomes '_'. Never empty, never "." or "..".</summary>
    public static string SafeName(string callId)
    {
        var chars = callId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var name = new string(chars).Trim('.');
        if (name.Length > 100) name = name[..100];
        return name.Length == 0 ? "call" : name;
    }

    /// <summary>Whether <paramref name="fileName"/> is a recording of the call <paramref name="callId"/> (<c>&lt;safe call id&gt;-&lt;n&gt;.wav</c>).</summary>
    public static bool IsRecordingOf(string fileName, string callId)
    {
        var prefix = SafeName(callId) + "-";
        if (!fileName.StartsWith(prefix, StringComparison.Ordinal) || !fileName.EndsWith(".wav", StringComparison.Ordinal)) return false;
        var number = fileName.AsSpan(prefix.Length, fileName.Length - prefix.Length - ".wav".Length);
        return number.Length > 0 && !number.ContainsAnyExcept("0123456789");
    }

    /// <summary>
    /// Finishes the recording's file when something was heard and reports its name (relative to the recordings folder);
    /// a silent recording's file is removed and no file reported; no recorder (the call ended during the beep) reports
    /// a hang-up with nothing kept.
    /// </summary>
    internal static ChannelRecordingResult Save(RecordingSlot slot, MediaRecordingResult? result, string callId, Action<string> log)
    {
        if (result is not { } ended || slot.File is not { } file) return new ChannelRecordingResult(null, TimeSpan.Zero, "hangup");
        var endedBy = RecordingSlot.EndedBy(ended.Reason);
        if (!ended.HeardSound)
        {
            file.Discard();
            return new ChannelRecordingResult(null, ended.Length, endedBy);
        }

        try
        {
            file.Save();
            return new ChannelRecordingResult(file.FileName, ended.Length, endedBy);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log($"call {callId}: recording {file.FileName} could not be saved: {ex.Message}");
            file.Discard();
            return new ChannelRecordingResult(null, ended.Length, "error");
        }
    }
}
