namespace Ivr.Data.Rollups;

/// <summary>Calls of one local day and hour, flow version and disposition (null while in progress);
/// <paramref name="Served"/>: a service lookup completed in them.</summary>
public sealed record CallBucket(string Day, int Hour, string FlowVersion, string Node, string? Disposition, bool Served, long Calls, long DurationSeconds);

/// <summary>A <c>rollup_paths</c> count (see <see cref="PathFact"/>).</summary>
public sealed record PathCount(string Day, string FlowVersion, string Kind, string Node, string Next, long Calls);
