namespace Ivr.Core.Channel;

/// <param name="Succeeded">True when an agent took the call; the call then leaves the IVR.</param>
/// <param name="Reason">answered, busy, no_answer, rejected, timeout, error …</param>
public sealed record TransferResult(bool Succeeded, string Reason);
