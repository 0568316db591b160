namespace Ivr.Core.Calls;

/// <summary>
/// One step of a call's journey. <see cref="Detail"/> is already privacy-safe: secure values are
/// masked before an event is created, so sinks may store and show it as it is.
/// </summary>
/// <param name="Sequence">0-based order within the call.</param>
/// <param name="Node">The node as <c>flow.node</c>, where the event belongs to one.</param>
/// <param name="Outcome">The branch taken when a node is left (ok, invalid, no_input, timeout …).</param>
public sealed record CallEvent(
    string CallId,
    int Sequence,
    DateTimeOffset At,
    CallEventKind Kind,
    string FlowVersion,
    string? Node = null,
    string? Outcome = null,
    string? Detail = null);
