namespace Ivr.Runtime.Calls;

/// <summary>Who called which number. <see cref="Caller"/> is in clear and never leaves the session unmasked.
/// <see cref="FlagReason"/>: the reason class of the caller number's flag, looked up once when the call started
/// (null: not flagged, or the lookup failed); flows read it as <c>caller.flagged</c> and <c>caller.flag_reason</c>.</summary>
public sealed record CallIdentity(string CallId, string Caller, string Dialled, string? FlagReason = null);
