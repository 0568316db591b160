namespace Ivr.Data.Operations;

/// <summary>
/// What statistics need of one call: when it started and ended, how (disposition), whether a
/// service lookup completed in it, and the nodes it entered in order (<c>flow.node</c>).
/// </summary>
public sealed record CallFacts(
    string CallId,
    string FlowVersion,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Disposition,
    bool Served,
    IReadOnlyList<string> Path);
