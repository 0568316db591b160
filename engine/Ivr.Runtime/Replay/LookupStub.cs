namespace Ivr.Runtime.Replay;

/// <summary>A scripted answer of a back-end operation; several answer successive calls (the last repeats).</summary>
public sealed record LookupStub(string Outcome, IReadOnlyDictionary<string, string> Outputs, TimeSpan Delay);
