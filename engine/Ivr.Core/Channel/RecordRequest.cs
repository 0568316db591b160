namespace Ivr.Core.Channel;

/// <param name="Beep">Play a short tone before recording starts.</param>
/// <param name="MaxLength">Recording stops by itself after this long.</param>
/// <param name="Silence">Recording stops after this much silence.</param>
/// <param name="EndKey">A key that ends the recording (usually <c>#</c>); null for none.</param>
public sealed record RecordRequest(bool Beep, TimeSpan MaxLength, TimeSpan Silence, char? EndKey);
