namespace Ivr.Data.Messages;

/// <summary>A caller's voice message (语音留言) awaiting an agent's callback by <see cref="DueDate"/>.
/// <see cref="CallbackNumber"/> is in clear: agents dial it; lists show it masked. <see cref="Incomplete"/>: the recording
/// was cut by a crash and recovered at the next start (the audio up to that moment). <see cref="DueBeyondCalendar"/>: the due date was counted
/// past the last year the holiday calendar lists, so only weekends were skipped (M018).</summary>
public sealed record VoiceMessage(
    long Id,
    string CallId,
    string Recording,
    string CallbackNumber,
    string Reason,
    DateTimeOffset CreatedAt,
    DateOnly DueDate,
    VoiceMessageStatus Status,
    string? Outcome,
    bool Incomplete = false,
    bool DueBeyondCalendar = false);
