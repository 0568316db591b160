namespace Ivr.OperationsConsole.Live;

/// <summary>A call in progress as the console shows it: caller masked, the node it is at (<c>flow.node</c>, null before the first).</summary>
public sealed record LiveCall(
    string CallId,
    string CallerMasked,
    string Dialled,
    string Flow,
    string? Node,
    string FlowVersion,
    DateTimeOffset StartedAt);
