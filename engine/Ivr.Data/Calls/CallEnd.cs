namespace Ivr.Data.Calls;

/// <summary>A queued "call ended" write.</summary>
internal sealed record CallEnd(string CallId, DateTimeOffset At, string Disposition);
