using Ivr.Data;
using Ivr.Data.Rollups;
using Ivr.Host.Hosting;

namespace Ivr.Host.Serving;

/// <summary>
/// Keeps the statistics rollups whole in the background: at start (the backfill after migration 11, and the calls
/// a previous run left open and closed as <c>server_lost</c>), then every hour (calls a lost node left, closed by
/// another). Each chunk of calls is its own transaction, so stopping half-way loses nothing. Each run that did anything
/// is logged with its counts: calls rolled up, paths filled in for calls rolled up before migration 17, days of path rollups split
/// by node after migration 25.
/// </summary>
internal static class RollupCatchUpLoop
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    public static PeriodicWork Start(IvrDatabase database, TimeProvider clock, Action<string> log)
        => new(Every, clock, async stop =>
        {
            try
            {
                var started = clock.GetTimestamp();
                var counts = await RollupCatchUp.RunAsync(database, stop);
                var (calls, paths, surveys) = counts;
                if (calls > 0 || paths > 0 || surveys > 0 || counts.DaysSplitByNode > 0)
                    log($"statistics rollups: added {calls} ended call(s) and {surveys} later survey answer(s), filled in the path of {paths} older call(s), " +
                        $"split {counts.DaysSplitByNode} older day(s) of menu paths by node in {clock.GetElapsedTime(started).TotalSeconds:F1} s");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log($"statistics rollups: catch-up failed ({ex.GetType().Name}: {ex.Message}); next try in {Every.TotalMinutes:F0} min");
            }
        });
}
