using Ivr.Core.Channel;
using Ivr.Media.Recording;

namespace Ivr.Telephony.Calls;

/// <summary>One recording of a call: the flow's request, its number in the call, and the recorder and its file once started (after the beep, if any).</summary>
internal sealed class RecordingSlot(RecordRequest request, int number)
{
    public RecordRequest Request { get; } = request;

    public int Number { get; } = number;

    public Recorder? Recorder { get; set; }

    /// <summary>Its file, written as it is recorded; set with <see cref="Recorder"/>.</summary>
    public RecordingStream? File { get; set; }

    public bool IsEndKey(char key) => Request.EndKey is { } end && char.ToUpperInvariant(end) == char.ToUpperInvariant(key);

    /// <summary>The <see cref="Ivr.Core.Channel.RecordingResult.EndedBy"/> word for a recorder's end reason.</summary>
    public static string EndedBy(RecordingEndReason reason) => reason switch
    {
        RecordingEndReason.Key => "key",
        RecordingEndReason.Silence => "silence",
        RecordingEndReason.MaxLength => "max_length",
        _ => "hangup",
    };
}
