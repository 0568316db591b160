namespace Ivr.Data.Security;

/// <summary>One caller number has locked several IDs: when, the number masked, the call of the latest
/// lock, and how many distinct IDs its checks locked within the alert window.</summary>
public sealed record PinAlert(DateTimeOffset At, string CallerMasked, string CallId, int IdsLocked);
