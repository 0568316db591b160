namespace Ivr.Data.Messages;

/// <summary>A caller's voice message (语音留言) awaiting an agent's callback by <see cref="DueDate"/>.
/// <see cref="CallbackNumber"/> is in clear: agents dial it; lists show it masked.</summary>
public sealed record VoiceMessage(
    long Id,
    string CallId,
    string Recording,
    string CallbackNumber,
    string Reason,
    DateTimeOffset CreatedAt,
    DateOnly DueDate,
    VoiceMessageStatus Status,
    string? Outcome);
