namespace Ivr.Host.Hosting;

/// <summary>
/// Runs a piece of background work at once and then every <c>interval</c> on the given clock until disposed. The
/// work logs its own failures (a failure that escapes it ends the loop); disposing cancels the token it is given
/// and waits for the run in progress.
/// </summary>
public sealed class PeriodicWork : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public PeriodicWork(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        _running = Task.Run(() => RunAsync(interval, time, work, _stop.Token));
    }

    private static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> work, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            await work(stop);
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
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
