namespace Ivr.Core.Calls;

/// <summary>What is known when a call begins. <see cref="Caller"/> is in clear (callbacks need it);
/// stores keep it apart from events and show it only masked.</summary>
public sealed record CallStart(string CallId, string Caller, string Dialled, string FlowVersion, string Flow, DateTimeOffset At);
