using Ivr.OperationsConsole.Memory;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.OperationsConsole.Tests.Memory;

public sealed class HeapTrimTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-03T10:00:00Z"));
    private int _collected;
    private bool _callsUp;

    private HeapTrim Trim() => new(_time, () => _callsUp, () => _collected++);

    [Fact]
    public void WhileCallsAreUp_TheTrimWaits_AndRunsOnceTheyHaveEnded()
    {
        using var trim = Trim();
        _callsUp = true;

        trim.Request();
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, _collected); // a caller would hear the pause

        _callsUp = false;
        _time.Advance(HeapTrim.IdleCheck);
        Assert.Equal(1, _collected);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, _collected);
    }

    [Fact]
    public void NoRequest_NoCollection()
    {
        using var trim = Trim();

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(0, _collected);
    }

    [Fact]
    public void ARequest_CollectsOnce_DelayAfterIt_NotBefore()
    {
        using var trim = Trim();

        trim.Request();
        _time.Advance(HeapTrim.Delay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _collected);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _collected);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, _collected);
        Assert.Equal(1, trim.Collections);
    }

    [Fact]
    public void ABurstOfRequests_IsOneCollection_DelayAfterTheLast()
    {
        using var trim = Trim();

        for (var i = 0; i < 4; i++)
        {
            trim.Request();
            _time.Advance(TimeSpan.FromSeconds(1)); // exports back to back, each shorter than the delay
        }

        Assert.Equal(0, _collected);
        _time.Advance(HeapTrim.Delay - TimeSpan.FromSeconds(1));
        Assert.Equal(1, _collected);
    }

    [Fact]
    public void RequestsSoonAfterACollection_WaitForTheMinimumInterval_AndCollectOnceThen()
    {
        using var trim = Trim();
        trim.Request();
        _time.Advance(HeapTrim.Delay);
        Assert.Equal(1, _collected);

        for (var i = 0; i < 10; i++)
        {
            trim.Request();
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        // 50 s after the first collection: still one.
        Assert.Equal(1, _collected);
        _time.Advance(HeapTrim.MinInterval - TimeSpan.FromSeconds(50) - TimeSpan.FromMilliseconds(1)); // to 1 ms before the first + MinInterval
        Assert.Equal(1, _collected);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, _collected);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(2, _collected);
    }

    [Fact]
    public void TheRealCollection_GivesTheGarbageBack()
    {
        var log = new List<string>();
        using var trim = new HeapTrim(_time, () => false, log.Add);
        var before = HeapWithGarbage();

        trim.Request();
        _time.Advance(HeapTrim.Delay);

        Assert.Equal(1, trim.Collections);
        Assert.Matches(@"^heap trim after a large export: paused \d+\.\d ms, GC heap committed \d+ -> \d+ MB$", Assert.Single(log));
        Assert.True(GC.GetTotalMemory(forceFullCollection: false) < before - 30_000_000, $"heap {before} -> {GC.GetTotalMemory(false)} bytes");
    }

    /// <summary>Allocates 40 MB, measures the heap while they are held, and drops them on return.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long HeapWithGarbage()
    {
        var garbage = new List<byte[]>();
        for (var i = 0; i < 400; i++) garbage.Add(new byte[100_000]);
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        GC.KeepAlive(garbage);
        return heap;
    }
}
