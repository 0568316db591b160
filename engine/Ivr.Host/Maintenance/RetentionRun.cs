using System.Diagnostics;
using Ivr.Data;
using Ivr.Data.Retention;

namespace Ivr.Host.Maintenance;

/// <summary>One prune, by the server's daily job or <c>ivr db prune</c>: counts per kind, timed and audited.</summary>
public static class RetentionRun
{
    /// <param name="where">Who pruned, for the audit (<c>node ID</c>, <c>ivr db prune</c>).</param>
    public static async Task<RetentionCounts> PruneAsync(IvrDatabase database, string recordingsFolder, Data.Security.HashKey hashKey, RetentionPolicy policy, TimeProvider time,
        string where, Action<string> log, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        RetentionCounts counts;
        try
        {
            counts = await new RetentionPruner(database, recordingsFolder, hashKey).PruneAsync(policy, now, cancellation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await MaintenanceAudit.WriteAsync(database, time.GetUtcNow(), where, MaintenanceAudit.RetentionPrune, "retention", "failed",
                $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            throw;
        }

        log($"retention: pruned {counts} in {watch.Elapsed.TotalSeconds:0.0} s");
        await MaintenanceAudit.WriteAsync(database, time.GetUtcNow(), where, MaintenanceAudit.RetentionPrune, "retention", "ok",
            $"{counts} ({watch.Elapsed.TotalSeconds:0.0} s)", CancellationToken.None);
        return counts;
    }
}
