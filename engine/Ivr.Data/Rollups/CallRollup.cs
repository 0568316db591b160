using Ivr.Data.Operations;

namespace Ivr.Data.Rollups;

/// <summary>What one call adds to the rollups: the same arithmetic for calls rolled up when they end and
/// for calls still in progress that statistics read live.</summary>
public static class CallRollup
{
    public const string Abandoned = "abandoned";
    public const string Transferred = "transferred";

    public static CallBucket Bucket(CallFacts call, string? node)
    {
        ArgumentNullException.ThrowIfNull(call);
        var duration = call.EndedAt is { } end ? (long)Math.Max(0, (end - call.StartedAt).TotalSeconds) : 0;
        return new CallBucket(RollupClock.Day(call.StartedAt), RollupClock.Hour(call.StartedAt), call.FlowVersion, node ?? "",
            call.Disposition, call.Served, 1, duration);
    }

    public static IEnumerable<PathCount> Paths(CallFacts call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var path = call.Path;
        if (path.Count == 0) yield break;
        var day = RollupClock.Day(call.StartedAt);
        PathCount Count(string kind, string node, string next) => new(day, call.FlowVersion, kind, node, next, 1);

        foreach (var node in path.Distinct(StringComparer.Ordinal)) yield return Count(PathFact.Entered, node, "");
        for (var i = 0; i + 1 < path.Count; i++)
            if (path[i + 1] != path[i]) yield return Count(PathFact.Step, path[i], path[i + 1]);
        if (call.Disposition == Abandoned) yield return Count(PathFact.Abandoned, path[^1], "");
        if (call.Disposition != Transferred) yield break;
        var lastVisit = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < path.Count; i++) lastVisit[path[i]] = i;
        foreach (var (node, at) in lastVisit)
        {
            var after = path.Skip(at + 1).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            yield return Count(PathFact.Transferred, node, string.Join(' ', after));
        }
    }
}
