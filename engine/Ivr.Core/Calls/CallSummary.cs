namespace Ivr.Core.Calls;

/// <summary>A call as lists show it. <see cref="CallerMasked"/> never holds the number in clear.</summary>
public sealed record CallSummary(
    string CallId,
    string CallerMasked,
    string Dialled,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Disposition,
    string FlowVersion,
    IReadOnlyList<string> Path);
