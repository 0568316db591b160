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

    public DailyJob(string name, int hour, TimeProvider time, Func<CancellationToken, Task> run, Action<string> log)
    {
        _running = Task.Run(() => LoopAsync(name, hour, time, run, log, _stop.Token));
    }

    /// <summary>The first moment at <paramref name="hour"/>:00 China time strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset now, int hour)
    {
        var local = ChinaTime.ToChina(now);
        var today = new DateTimeOffset(local.Date.AddHours(hour), ChinaTime.Offset);
        return today > now ? today : today.AddDays(1);
    }

    private static async Task LoopAsync(string name, int hour, TimeProvider time, Func<CancellationToken, Task> run, Action<string> log,
        CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            try
            {
                await Task.Delay(Next(now, hour) - now, time, stop);
                await run(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log($"{name}: failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}
