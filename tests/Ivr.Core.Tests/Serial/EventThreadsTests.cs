using System.Collections.Concurrent;
using Ivr.Core.Serial;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Core.Tests.Serial;

public sealed class EventThreadsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ConcurrentPosters_EachCallsItemsRunInOrder_OnTheEventThreadsOnly()
    {
        using var threads = new EventThreads(2, new FakeTimeProvider(), _ => { }, raise: () => EventPriority.Normal);
        threads.Start();
        const int calls = 6, posters = 4, perPoster = 2000;
        var seen = Enumerable.Range(0, calls).Select(_ => new List<(int Poster, int N)>()).ToArray();
        var foreign = 0;
        var overlapped = 0;
        var busy = new int[calls];
        var done = new CountdownEvent(calls * posters * perPoster);
        var queues = Enumerable.Range(0, calls).Select(c => new SerialQueue<(int Poster, int N)>(item =>
        {
            if (Interlocked.Increment(ref busy[c]) > 1) Interlocked.Increment(ref overlapped);
            if (!(Thread.CurrentThread.Name ?? "").StartsWith("ivr-events-", StringComparison.Ordinal)) Interlocked.Increment(ref foreign);
            seen[c].Add(item);
            Interlocked.Decrement(ref busy[c]);
            done.Signal();
        }, (_, _) => { }, threads.NextLane())).ToArray();

        await Task.WhenAll(Enumerable.Range(0, posters).Select(p => Task.Run(() =>
        {
            for (var n = 0; n < perPoster; n++)
                foreach (var queue in queues) queue.Post((p, n));
        })));

        Assert.True(done.Wait(Wait));
        Assert.Equal(0, overlapped);
        Assert.Equal(0, foreign);
        foreach (var call in seen)
            for (var p = 0; p < posters; p++)
                Assert.Equal(Enumerable.Range(0, perPoster), call.Where(i => i.Poster == p).Select(i => i.N));
    }

    [Fact]
    public void TwoCallsOnOneThread_TheSecondWaitsForOneHandlerOfTheFirstOnly()
    {
        using var threads = new EventThreads(1, new FakeTimeProvider(), _ => { }, raise: () => EventPriority.Normal);
        threads.Start();
        var order = new ConcurrentQueue<string>();
        using var release = new ManualResetEventSlim();
        using var firstRunning = new ManualResetEventSlim();
        var done = new CountdownEvent(4);
        var a = new SerialQueue<string>(item =>
        {
            if (item == "a1")
            {
                firstRunning.Set();
                release.Wait(Wait);
            }

            order.Enqueue(item);
            done.Signal();
        }, (_, _) => { }, threads.NextLane());
        var b = new SerialQueue<string>(item =>
        {
            order.Enqueue(item);
            done.Signal();
        }, (_, _) => { }, threads.NextLane());

        a.Post("a1");
        Assert.True(firstRunning.Wait(Wait));
        a.Post("a2");
        a.Post("a3");
        b.Post("b1");
        release.Set();

        Assert.True(done.Wait(Wait));
        Assert.Equal(["a1", "b1", "a2", "a3"], order);
    }

    [Fact]
    public void AHandlerBlockedPastTheStallLimit_TheThreadsOtherCallsRunOnThePool_InOrder()
    {
        var time = new FakeTimeProvider();
        var log = new ConcurrentQueue<string>();
        using var threads = new EventThreads(1, time, log.Enqueue, TimeSpan.FromMilliseconds(100), () => EventPriority.Normal);
        threads.Start();
        using var release = new ManualResetEventSlim();
        using var blocked = new ManualResetEventSlim();
        var b = new ConcurrentQueue<int>();
        var bDone = new CountdownEvent(3);
        var a = new SerialQueue<int>(_ =>
        {
            blocked.Set();
            release.Wait(Wait);
        }, (_, _) => { }, threads.NextLane());
        var bQueue = new SerialQueue<int>(n =>
        {
            b.Enqueue(n);
            bDone.Signal();
        }, (_, _) => { }, threads.NextLane());

        a.Post(1);
        Assert.True(blocked.Wait(Wait));
        bQueue.Post(1);
        time.Advance(TimeSpan.FromMilliseconds(50)); // the watchdog's first look: 50 ms, under the limit
        Assert.False(bDone.Wait(TimeSpan.FromMilliseconds(200)));
        time.Advance(TimeSpan.FromMilliseconds(50)); // 100 ms: stalled
        bQueue.Post(2);
        bQueue.Post(3);

        Assert.True(bDone.Wait(Wait)); // while a's handler still blocks
        Assert.Equal([1, 2, 3], b);
        Assert.Equal(1, threads.Lanes[0].Stalls);
        Assert.Contains("stalls handed to the thread pool 1", threads.Summary());
        Assert.Contains(log, l => l.Contains("a handler has run for 100 ms"));
        release.Set();
    }

    [Fact]
    public void PriorityRefused_LoggedOnceAtStart_EventsStillRun()
    {
        var log = new ConcurrentQueue<string>();
        var asked = 0;
        using var threads = new EventThreads(3, new FakeTimeProvider(), log.Enqueue, raise: () =>
        {
            Interlocked.Increment(ref asked);
            return EventPriority.Normal;
        });

        threads.Start();
        using var ran = new ManualResetEventSlim();
        new SerialQueue<int>(_ => ran.Set(), (_, _) => { }, threads.NextLane()).Post(1);

        Assert.True(ran.Wait(Wait));
        Assert.Equal(3, asked);
        Assert.Equal(EventPriority.Normal, threads.Priority);
        Assert.Equal(["events: 3 event thread(s) at ordinary priority (raising needs CAP_SYS_NICE); on a busy machine keys may be answered late"], log);
    }

    [Fact]
    public void OneThreadRefused_TheLowestIsLogged()
    {
        var log = new ConcurrentQueue<string>();
        var asked = 0;
        using var threads = new EventThreads(2, new FakeTimeProvider(), log.Enqueue,
            raise: () => Interlocked.Increment(ref asked) == 1 ? EventPriority.RealTime : EventPriority.Raised);

        threads.Start();

        Assert.Equal(EventPriority.Raised, threads.Priority);
        Assert.Equal(["events: 2 event thread(s) at nice -10 (no real-time priority)"], log);
    }

    [Fact]
    public void RealRaise_OnLinux_GivesWhatTheThreadReports()
    {
        using var threads = new EventThreads(1, new FakeTimeProvider(), _ => { });
        threads.Start();
        var policy = -2;
        using var ran = new ManualResetEventSlim();
        new SerialQueue<int>(_ =>
        {
            policy = ThreadScheduling.CurrentPolicy();
            ran.Set();
        }, (_, _) => { }, threads.NextLane()).Post(1);

        Assert.True(ran.Wait(Wait));
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal(threads.Priority == EventPriority.RealTime ? 1 : 0, policy);
    }

    [Fact]
    public void Stopped_WorkPostedAfterwardsRunsOnThePool()
    {
        var threads = new EventThreads(1, new FakeTimeProvider(), _ => { }, raise: () => EventPriority.Normal);
        threads.Start();
        var lane = threads.NextLane();
        threads.Stop();
        using var ran = new ManualResetEventSlim();
        string? thread = null;
        new SerialQueue<int>(_ =>
        {
            thread = Thread.CurrentThread.Name;
            ran.Set();
        }, (_, _) => { }, lane).Post(1);

        Assert.True(ran.Wait(Wait));
        Assert.NotEqual(lane.Name, thread);
    }
}
