using Ivr.Data.Security;

namespace Ivr.Host.Maintenance;

/// <summary>
/// Runs a job every day at a whole hour, China time, on the server's clock, until disposed. A run that fails is logged
/// and the next day comes as usual: nothing a job does reaches the calls.
/// </summary>
public sealed class DailyJob : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _runs;

    public DailyJob(string name, int hour, TimeProvider time, Func<CancellationToken, Task> run, Action<string> log)
    {
        _running = Task.Run(() => LoopAsync(name, hour, time, run, log, _stop.Token));
    }

    /// <summary>When the job runs next (set once the wait for it has begun); null before.</summary>
    public DateTimeOffset? NextRun { get; private set; }

    /// <summary>How many runs have ended, failed ones included.</summary>
    public int Runs => _runs;

    /// <summary>The first moment at <paramref name="hour"/>:00 China time strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset now, int hour)
    {
        var local = ChinaTime.ToChina(now);
        var today = new DateTimeOffset(local.Date.AddHours(hour), ChinaTime.Offset);
        return today > now ? today : today.AddDays(1);
    }

    private async Task LoopAsync(string name, int hour, TimeProvider time, Func<CancellationToken, Task> run, Action<string> log,
        CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            try
            {
                var next = Next(now, hour);
                var wait = Task.Delay(next - now, time, stop);
                NextRun = next;
                await wait;
                await RunOnceAsync(name, run, log, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunOnceAsync(string name, Func<CancellationToken, Task> run, Action<string> log, CancellationToken stop)
    {
        try
        {
            await run(stop);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            log($"{name}: failed: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            Interlocked.Increment(ref _runs);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}
