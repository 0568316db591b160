using Ivr.Data;
using Ivr.Data.Rollups;

namespace Ivr.Host.Serving;

/// <summary>
/// Keeps the statistics rollups whole in the background: at start (the backfill after migration 11, and the calls
/// a previous run left open and closed as <c>server_lost</c>), then every hour (calls a lost node left, closed by
/// another). Each chunk of calls is its own transaction, so stopping half-way loses nothing.
/// </summary>
internal sealed class RollupCatchUpLoop : IAsyncDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RollupCatchUpLoop(IvrDatabase database, TimeProvider clock, Action<string> log)
    {
        _loop = Task.Run(() => RunAsync(database, clock, log, _stop.Token));
    }

    private static async Task RunAsync(IvrDatabase database, TimeProvider clock, Action<string> log, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                var started = clock.GetTimestamp();
                var calls = await RollupCatchUp.RunAsync(database, stop);
                if (calls > 0) log($"statistics rollups: added {calls} ended call(s) in {clock.GetElapsedTime(started).TotalSeconds:F1} s");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log($"statistics rollups: catch-up failed ({ex.GetType().Name}: {ex.Message}); next try in {Every.TotalMinutes:F0} min");
            }
        }
        while (await WaitAsync(timer, stop));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
