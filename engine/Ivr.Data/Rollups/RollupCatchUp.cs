using Dapper;
using Ivr.Data.Calls;

namespace Ivr.Data.Rollups;

/// <summary>
/// Rolls up every ended call not rolled up yet, oldest first, a chunk per transaction: the backfill after
/// migration 11, and calls closed outside the recorder (a lost node's, a restarted node's leftovers); rolling a call
/// up keeps its path on its row. Then rolls up the survey answers written after their call was rolled up (and, once after
/// migration 24, every older answer: <see cref="SurveyRollup"/>). Then fills in the paths of calls rolled up before migration 17
/// (<see cref="CallPathBackfill"/>), and, once after migration 25, splits the path rollups kept before it by answering node from those
/// paths (<see cref="RollupNodeSplit"/>). Run it before pruning call events.
/// </summary>
public static class RollupCatchUp
{
    /// <returns>The calls rolled up, and those whose path alone was filled in.</returns>
    public static async Task<RollupCatchUpCounts> RunAsync(IvrDatabase database, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(database);
        long total = 0;
        while (!cancellation.IsCancellationRequested)
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            await using var transaction = connection.BeginWrite();
            var ids = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT id FROM calls WHERE rolled_up = 0 AND ended_at IS NOT NULL ORDER BY started_at LIMIT @limit;",
                new { limit = CallRollupWriter.Chunk }, transaction, cancellationToken: cancellation))).ToList();
            if (ids.Count == 0) break;
            total += CallRollupWriter.RollUp(connection, transaction, ids);
            await transaction.CommitAsync(cancellation);
        }
        var surveys = await SurveyRollup.CatchUpAsync(database, cancellation);
        var paths = await CallPathBackfill.RunAsync(database, cancellation);
        return new RollupCatchUpCounts(total, paths, surveys) { DaysSplitByNode = await RollupNodeSplit.RunAsync(database, cancellation) };
    }
}

/// <summary>What one catch-up did: <paramref name="RolledUp"/> ended calls added to the rollups (each keeps its path),
/// <paramref name="PathsFilled"/> calls rolled up earlier whose path was filled in from their events (migration 17's backfill),
/// <paramref name="Surveys"/> survey answers rolled up after their call.</summary>
public sealed record RollupCatchUpCounts(long RolledUp, long PathsFilled, long Surveys)
{
    /// <summary>Days of path rollups kept before migration 25 split by answering node (<see cref="RollupNodeSplit"/>).</summary>
    public long DaysSplitByNode { get; init; }
}
