using ChannelRecordingResult = Ivr.Core.Channel.RecordingResult;
using MediaRecordingResult = Ivr.Media.Recording.RecordingResult;

namespace Ivr.Telephony.Calls;

/// <summary>Saves a call's recordings as <c>&lt;call-id&gt;-&lt;n&gt;.wav</c> and words the result for the flow.</summary>
internal static class RecordingFiles
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

    /// <summary>
    /// Writes the recording when something was heard and reports its file name (relative to <paramref name="folder"/>);
    /// a silent recording reports no file; no recorder (the call ended during the beep) reports a hang-up with nothing kept.
    /// </summary>
    public static ChannelRecordingResult Save(RecordingSlot slot, MediaRecordingResult? result, string callId, string folder, Action<string> log)
    {
        if (result is not { } ended || slot.Recorder is not { } recorder) return new ChannelRecordingResult(null, TimeSpan.Zero, "hangup");
        var endedBy = RecordingSlot.EndedBy(ended.Reason);
        if (!ended.HeardSound) return new ChannelRecordingResult(null, ended.Length, endedBy);
        var fileName = $"{SafeName(callId)}-{slot.Number}.wav";
        try
        {
            Directory.CreateDirectory(folder);
            recorder.Save(Path.Combine(folder, fileName));
            return new ChannelRecordingResult(fileName, ended.Length, endedBy);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log($"call {callId}: recording {fileName} could not be saved: {ex.Message}");
            return new ChannelRecordingResult(null, ended.Length, "error");
        }
    }
}
