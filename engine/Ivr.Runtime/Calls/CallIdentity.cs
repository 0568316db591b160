namespace Ivr.Runtime.Calls;

/// <summary>Who called which number. <see cref="Caller"/> is in clear and never leaves the session unmasked.</summary>
public sealed record CallIdentity(string CallId, string Caller, string Dialled);
