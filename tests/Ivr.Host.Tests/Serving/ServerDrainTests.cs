using System.Collections.Concurrent;
using Ivr.Host.Serving;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Host.Tests.Serving;

/// <summary>The drain's rules on a fake clock: begun once, waits for the calls (and a fax being sent), gives up at the timeout.</summary>
public sealed class ServerDrainTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly ConcurrentQueue<string> _log = new();
    private int _calls = 2;
    private bool _faxBusy;

    [Fact]
    public void Begin_Once_CancelsBegunAndLogsWhoAsked_ASecondTimeChangesNothing()
    {
        using var drain = new ServerDrain(_clock, _log.Enqueue);
        var told = 0;
        drain.Begun.Register(() => told++);
        Assert.False(drain.IsDraining);

        Assert.True(drain.Begin("SIGTERM"));
        Assert.False(drain.Begin("console, user admin"));

        Assert.True(drain.IsDraining);
        Assert.Equal(1, told);
        Assert.Single(_log, l => l.StartsWith("drain requested (SIGTERM)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitAsync_CallsEndBeforeTheTimeout_TrueAndLogsHowLongItTook()
    {
        using var drain = Begun();
        var waiting = drain.WaitAsync(() => _calls, () => _faxBusy, TimeSpan.FromMinutes(15), CancellationToken.None);
        Assert.Contains("draining: 2 calls up; waiting up to 15 min for them to end (SIGTERM)", _log);

        Advance(TimeSpan.FromSeconds(3));
        _calls = 1;
        Advance(TimeSpan.FromSeconds(3));
        Assert.False(waiting.IsCompleted);
        _calls = 0;

        Assert.True(await UntilDoneAsync(waiting, TimeSpan.FromSeconds(2)));
        var drained = Assert.Single(_log, l => l.StartsWith("drained in ", StringComparison.Ordinal));
        Assert.InRange(double.Parse(drained["drained in ".Length..^2], System.Globalization.CultureInfo.InvariantCulture), 6.0, 8.0);
    }

    [Fact]
    public async Task WaitAsync_AFaxStillBeingSent_WaitsForItToo()
    {
        using var drain = Begun();
        _calls = 0;
        _faxBusy = true;
        var waiting = drain.WaitAsync(() => _calls, () => _faxBusy, TimeSpan.FromMinutes(15), CancellationToken.None);

        Advance(TimeSpan.FromSeconds(5));
        Assert.False(waiting.IsCompleted);
        _faxBusy = false;

        Assert.True(await UntilDoneAsync(waiting, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task WaitAsync_CallsStillUpAtTheTimeout_FalseNamingHowManyGetABye_WithProgressOnTheWay()
    {
        using var drain = Begun();
        var waiting = drain.WaitAsync(() => _calls, () => false, TimeSpan.FromSeconds(30), CancellationToken.None);

        Advance(TimeSpan.FromSeconds(29));
        Assert.False(waiting.IsCompleted);

        Assert.False(await UntilDoneAsync(waiting, TimeSpan.FromSeconds(5)));
        Assert.Contains("drain timeout (30 s) passed: 2 calls still up get a BYE", _log);
        var progress = _log.Where(l => l.StartsWith("draining: 2 calls up after ", StringComparison.Ordinal)).ToList();
        Assert.InRange(progress.Count, 1, 2); // every 10 s (a loop that lags behind the clock logs once, not a burst)
    }

    [Fact]
    public async Task WaitAsync_StopNow_FalseAtOnce()
    {
        using var drain = Begun();
        using var stop = new CancellationTokenSource();
        var waiting = drain.WaitAsync(() => _calls, () => false, TimeSpan.FromMinutes(15), stop.Token);

        await stop.CancelAsync();

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("stop requested while draining: 2 calls still up get a BYE", _log);
    }

    [Fact]
    public async Task WaitAsync_NotBegun_Refused()
    {
        using var drain = new ServerDrain(_clock, _log.Enqueue);

        await Assert.ThrowsAsync<InvalidOperationException>(() => drain.WaitAsync(() => 0, () => false, TimeSpan.Zero, CancellationToken.None));
    }

    private ServerDrain Begun()
    {
        var drain = new ServerDrain(_clock, _log.Enqueue);
        drain.Begin("SIGTERM");
        return drain;
    }

    /// <summary>Moves the clock in poll-sized steps until <paramref name="waiting"/> ends, at most <paramref name="most"/> of clock time (and 20 s of real time).</summary>
    private async Task<T> UntilDoneAsync<T>(Task<T> waiting, TimeSpan most)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        for (var moved = TimeSpan.Zero; !waiting.IsCompleted && moved <= most && DateTime.UtcNow < deadline; moved += ServerDrain.Poll)
        {
            _clock.Advance(ServerDrain.Poll);
            await Task.Delay(5);
        }

        Assert.True(waiting.IsCompleted, $"the drain did not end within {most.TotalSeconds} s of clock time");
        return await waiting;
    }

    /// <summary>In poll-sized steps, letting the waiting loop run between them (under load it may lag: tests allow for that).</summary>
    private void Advance(TimeSpan span)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += ServerDrain.Poll)
        {
            _clock.Advance(ServerDrain.Poll);
            Thread.Sleep(5);
        }
    }
}
