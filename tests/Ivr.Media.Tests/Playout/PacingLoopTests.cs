using System.Diagnostics;
using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Media.Tests.Playout;

/// <summary>
/// The pacing thread's loop on a fake clock: a scripted waiter "sleeps" by advancing the clock to the
/// requested deadline plus a chosen lateness, so deadlines, stalls and parking are checked exactly.
/// </summary>
public class PacingLoopTests
{
    private static readonly long Interval = (long)(PlayoutScheduler.FrameInterval.TotalSeconds * new FakeTimeProvider().TimestampFrequency);

    private readonly FakeTimeProvider _time = new();
    private readonly PlayoutShard _shard = new();
    private readonly ScriptedWaiter _waiter;
    private readonly PacingLoop _loop;
    private readonly List<long> _sentAt = [];

    public PacingLoopTests()
    {
        _waiter = new ScriptedWaiter(_time);
        _loop = new PacingLoop(_shard, _time, _waiter, onError: null);
    }

    /// <summary>Advances the fake clock to each deadline, later by the queued amounts (0 once they run out); a
    /// <see cref="Wake"/> (a prompt given to a silent stream) ends the next wait at once, the clock where it is.</summary>
    private sealed class ScriptedWaiter(FakeTimeProvider time) : IDeadlineWaiter
    {
        private volatile bool _woken;

        public Queue<TimeSpan> Lateness { get; } = new();

        /// <summary>The deadlines waited for and reached (a wait cut short by a wake is not among them).</summary>
        public List<long> Deadlines { get; } = [];

        public int Wakes { get; private set; }

        /// <summary>Run while "sleeping" (another thread acting during the wait).</summary>
        public Action? During { get; set; }

        public bool WaitUntil(long deadline)
        {
            During?.Invoke();
            if (_woken)
            {
                _woken = false;
                Wakes++;
                return false;
            }

            Deadlines.Add(deadline);
            var target = deadline + (Lateness.TryDequeue(out var late) ? (long)(late.TotalSeconds * time.TimestampFrequency) : 0);
            var now = time.GetTimestamp();
            if (target > now) time.Advance(TimeSpan.FromSeconds((double)(target - now) / time.TimestampFrequency));
            return true;
        }

        public void Wake() => _woken = true;
    }

    /// <summary>Runs <paramref name="loop"/> until it has served <paramref name="steps"/> more steps (passes that only
    /// started a prompt do not count).</summary>
    private void StepsOf(PacingLoop loop, int steps)
    {
        var target = _waiter.Deadlines.Count + steps;
        for (var guard = 0; _waiter.Deadlines.Count < target; guard++)
        {
            Assert.True(guard < 10 * steps + 10, "the loop stopped stepping");
            loop.Step(CancellationToken.None);
        }
    }

    private PlayoutStream AddPlayingStream(int frames = 1000)
    {
        var stream = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => _sentAt.Add(_time.GetTimestamp()), null);
        stream.Enqueue(new short[160 * frames]);
        _shard.Add(stream);
        return stream;
    }

    private void Steps(int count)
    {
        for (var i = 0; i < count; i++) _loop.Step(CancellationToken.None);
    }

    [Fact]
    public void Step_LateTicks_GoIntoTheLatenessHistogram_OncePerStreamServed()
    {
        AddPlayingStream();
        AddPlayingStream(); // both in phase 0 of a one-phase shard: each step serves two streams
        _waiter.Lateness.Enqueue(TimeSpan.Zero);
        _waiter.Lateness.Enqueue(TimeSpan.FromMilliseconds(3));
        Steps(2);

        var counts = new long[LatenessHistogram.UpperBounds.Count + 1];
        var sums = new double[counts.Length];
        _shard.Lateness!.AddTo(counts, sums);
        Assert.Equal(2, counts[0]); // on time
        Assert.Equal(2, counts[LatenessHistogram.UpperBounds.ToList().IndexOf(0.005)]); // 3 ms: in (2 ms, 5 ms]
        Assert.Equal(4, counts.Sum());
        Assert.Equal(0.006, sums.Sum(), 9);
    }

    private static long[] Counts(LatenessHistogram histogram)
    {
        var counts = new long[LatenessHistogram.UpperBounds.Count + 1];
        histogram.AddTo(counts, new double[counts.Length]);
        return counts;
    }

    private static int Bucket(double upperBound) => LatenessHistogram.UpperBounds.ToList().IndexOf(upperBound);

    [Fact]
    public void Step_LateStep_BothGapsAroundItAreSendJitter_TheTalkspurtsFirstPacketIsNot()
    {
        AddPlayingStream();
        AddPlayingStream();
        foreach (var late in new[] { 0, 0, 3, 0 }) _waiter.Lateness.Enqueue(TimeSpan.FromMilliseconds(late));
        Steps(4); // sent at 0, 20, 43, 60 ms: gaps 20, 23, 17

        var counts = Counts(_shard.Timings!.Jitter!);
        Assert.Equal(2, counts[0]); // the 20 ms gap of each stream
        Assert.Equal(4, counts[Bucket(0.005)]); // 3 ms early and 3 ms late, each stream
        Assert.Equal(6, counts.Sum()); // the first packets started talkspurts: no gap
    }

    [Fact]
    public void Step_StreamResumingAfterAPause_ItsFirstGapIsNoJitter()
    {
        var stream = AddPlayingStream(frames: 2);
        Steps(4); // two packets, then silence
        stream.Enqueue(new short[160 * 2]);
        Steps(3);

        Assert.Equal(4, _sentAt.Count);
        Assert.Equal(2, Counts(_shard.Timings!.Jitter!).Sum()); // 20 ms within each talkspurt; the pause between them not counted
        Assert.Equal(2, Counts(_shard.Timings!.Jitter!)[0]);
    }

    [Fact]
    public void Step_SlowSends_TheBurstsDurationIsRecordedOncePerStep()
    {
        for (var i = 0; i < 3; i++)
        {
            var stream = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => _time.Advance(TimeSpan.FromMilliseconds(0.3)), null);
            stream.Enqueue(new short[160 * 100]);
            _shard.Add(stream);
        }

        Steps(2);

        var bursts = Counts(_shard.Timings!.Bursts!);
        Assert.Equal(2, bursts[Bucket(0.001)]); // 3 sends of 0.3 ms: 0.9 ms, in (0.5 ms, 1 ms]
        Assert.Equal(2, bursts.Sum());
    }

    [Fact]
    public void Step_LateTicks_DeadlinesStayOnTheAbsoluteGrid()
    {
        AddPlayingStream();
        var start = _time.GetTimestamp();
        _waiter.Lateness.Enqueue(TimeSpan.Zero);
        _waiter.Lateness.Enqueue(TimeSpan.FromMilliseconds(7));
        _waiter.Lateness.Enqueue(TimeSpan.FromMilliseconds(13));
        Steps(6);

        Assert.Equal(Enumerable.Range(0, 6).Select(n => start + n * Interval), _waiter.Deadlines);
        Assert.Equal(6, _sentAt.Count);
        var stats = _shard.Statistics(_time.TimestampFrequency);
        Assert.Equal(6, stats.Ticks);
        Assert.Equal(TimeSpan.FromMilliseconds(13), stats.MaxLateness);
        Assert.Equal(2, stats.TicksLaterThan2Ms);
        Assert.Equal(0, stats.Resyncs);
    }

    [Fact]
    public void Step_StallOfMoreThanThreeFrames_SkipsAheadInsteadOfBursting()
    {
        AddPlayingStream();
        var start = _time.GetTimestamp();
        Steps(1);
        _waiter.Lateness.Enqueue(TimeSpan.FromMilliseconds(95)); // the second tick runs 95 ms late
        Steps(3);

        var stalled = start + Interval + (long)(0.095 * _time.TimestampFrequency);
        Assert.Equal([start, start + Interval, stalled + Interval, stalled + 2 * Interval], _waiter.Deadlines);
        Assert.Equal(1, _shard.Statistics(_time.TimestampFrequency).Resyncs);
        Assert.All(_sentAt.Zip(_sentAt.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= Interval, $"burst: a gap of {gap} ticks"));
    }

    [Fact]
    public void Step_ShortStall_CatchesUpOnTheGrid()
    {
        AddPlayingStream();
        var start = _time.GetTimestamp();
        _waiter.Lateness.Enqueue(TimeSpan.FromMilliseconds(45)); // 2¼ frames late: under the resync limit
        Steps(4);

        Assert.Equal(Enumerable.Range(0, 4).Select(n => start + n * Interval), _waiter.Deadlines);
        Assert.Equal(0, _shard.Statistics(_time.TimestampFrequency).Resyncs);
    }

    [Fact]
    public void Step_NoStream_ParksWithoutWaitingForADeadline()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        _loop.Step(stop.Token);

        Assert.True(_loop.IsParked);
        Assert.Empty(_waiter.Deadlines);
        Assert.Equal(0, _shard.Statistics(_time.TimestampFrequency).Ticks);
    }

    [Fact]
    public void Step_Parked_StreamAddedFromAnotherThread_WakesAndTicksAtOnce()
    {
        var step = Task.Run(() => _loop.Step(CancellationToken.None));
        Thread.Sleep(50); // let the loop reach its wait (the test holds either way)
        var added = _time.GetTimestamp();
        AddPlayingStream();

        Assert.True(step.Wait(TimeSpan.FromSeconds(30)), "the parked loop did not wake for the new stream");
        Assert.False(_loop.IsParked);
        Assert.Equal([added], _waiter.Deadlines);
        Assert.Single(_sentAt);
    }

    [Fact]
    public void Step_LastStreamRemovedThenNewOne_FreshDeadlinesFromNow()
    {
        var first = AddPlayingStream();
        Steps(3);
        first.MarkRemoved();
        Steps(1); // reports the removal and drops the stream
        Assert.Equal(0, _shard.Count);
        using (var stop = new CancellationTokenSource())
        {
            stop.Cancel();
            _loop.Step(stop.Token); // the empty shard: the loop parks
        }

        Assert.True(_loop.IsParked);
        _time.Advance(TimeSpan.FromSeconds(5)); // nobody ticks meanwhile
        var restart = _time.GetTimestamp();
        AddPlayingStream();
        Steps(2);

        Assert.Equal([restart, restart + Interval], _waiter.Deadlines.Skip(4));
        Assert.Equal(0, _shard.Statistics(_time.TimestampFrequency).Resyncs);
    }

    [Fact]
    public void Run_Cancelled_ReturnsFromAParkedLoop()
    {
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => _loop.Run(stop.Token));
        Thread.Sleep(50);
        stop.Cancel();
        Assert.True(run.Wait(TimeSpan.FromSeconds(30)), "Run did not return after cancellation");
    }

    [Fact]
    public void MonotonicDeadlineSleeper_NeverReturnsBeforeTheDeadline()
    {
        if (!MonotonicDeadlineSleeper.IsSupported) return; // Linux only; the fallback is covered by the scheduler tests
        using var sleeper = new MonotonicDeadlineSleeper(TimeProvider.System);
        for (var i = 0; i < 20; i++)
        {
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 1000 * (1 + i % 5);
            Assert.True(sleeper.WaitUntil(deadline));
            Assert.True(Stopwatch.GetTimestamp() >= deadline, $"woke {(deadline - Stopwatch.GetTimestamp()) * 1e6 / Stopwatch.Frequency:F0} µs early");
        }

        sleeper.WaitUntil(Stopwatch.GetTimestamp() - Stopwatch.Frequency); // a past deadline: returns at once
    }

    [Fact]
    public void MonotonicDeadlineSleeper_Wake_EndsTheWaitAtOnce_AndIsAnsweredByOneReturn()
    {
        if (!MonotonicDeadlineSleeper.IsSupported) return;
        var sleeper = new MonotonicDeadlineSleeper(TimeProvider.System);
        var far = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;

        sleeper.Wake();
        sleeper.Wake(); // two wakes before the wait: one early return answers both
        Assert.False(sleeper.WaitUntil(far));
        var near = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 500;
        Assert.True(sleeper.WaitUntil(near));
        Assert.True(Stopwatch.GetTimestamp() >= near);

        var began = Stopwatch.GetTimestamp();
        var waker = Task.Run(() =>
        {
            Thread.Sleep(20);
            sleeper.Wake(); // another thread, while the pacing thread sleeps
        });
        Assert.False(sleeper.WaitUntil(far));
        Assert.True(Stopwatch.GetElapsedTime(began) < TimeSpan.FromSeconds(10), "the wake did not end the wait");
        waker.Wait();

        sleeper.Dispose();
        sleeper.Wake(); // after the pacing thread is gone: writes nothing (the descriptor number may be another's now)
        sleeper.Dispose();
    }

    [Fact]
    public void SleepThenYieldWaiter_Wake_EndsTheWaitEarly_ThenWaitsToTheDeadline()
    {
        var waiter = new SleepThenYieldWaiter(TimeProvider.System);
        var far = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        waiter.Wake();
        Assert.False(waiter.WaitUntil(far));
        var near = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 200;
        Assert.True(waiter.WaitUntil(near));
        Assert.True(Stopwatch.GetTimestamp() >= near);
        var waker = Task.Run(() =>
        {
            Thread.Sleep(20);
            waiter.Wake();
        });
        Assert.False(waiter.WaitUntil(far));
        waker.Wait();
    }

    [Fact]
    public void Step_Phases_EachStreamEvery20MsAtItsOwnOffset()
    {
        var shard = new PlayoutShard(phases: 4);
        var loop = new PacingLoop(shard, _time, _waiter, onError: null);
        var sent = new List<(int Stream, long At)>();
        for (var i = 0; i < 8; i++)
        {
            var index = i;
            var stream = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => sent.Add((index, _time.GetTimestamp())), null);
            stream.Enqueue(new short[160 * 100]);
            shard.Add(stream);
        }

        Assert.Equal([2, 2, 2, 2], Enumerable.Range(0, 4).Select(shard.CountIn));
        var start = _time.GetTimestamp();
        for (var i = 0; i < 12; i++) loop.Step(CancellationToken.None); // three frames of four 5 ms steps

        Assert.Equal(Enumerable.Range(0, 12).Select(n => start + n * Interval / 4), _waiter.Deadlines);
        Assert.Equal(24, sent.Count);
        foreach (var group in sent.GroupBy(s => s.Stream))
        {
            var times = group.Select(s => s.At).ToArray();
            Assert.Equal(3, times.Length);
            Assert.All(times.Zip(times.Skip(1), (a, b) => b - a), gap => Assert.Equal(Interval, gap));
        }

        Assert.Equal(4, sent.Select(s => s.At).Distinct().Count() / 3); // four offsets within the frame
    }

    [Fact]
    public void Step_EmptyPhases_AreStillWokenFor()
    {
        var shard = new PlayoutShard(phases: 4);
        var loop = new PacingLoop(shard, _time, _waiter, onError: null);
        var stream = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => _sentAt.Add(_time.GetTimestamp()), null);
        stream.Enqueue(new short[160 * 100]);
        shard.Add(stream); // phase 0; phases 1-3 stay empty
        var start = _time.GetTimestamp();
        for (var i = 0; i < 8; i++) loop.Step(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 8).Select(i => start + i * Interval / 4), _waiter.Deadlines);
        Assert.Equal([start, start + Interval], _sentAt);
    }

    /// <summary>A ten-phase shard with a playing stream (phase 0, keeps the loop stepping) and a silent one (phase 1)
    /// whose packets' times go to <see cref="_sentAt"/>.</summary>
    private (PlayoutShard Shard, PacingLoop Loop, PlayoutStream Silent) PlayingAndSilent()
    {
        var shard = new PlayoutShard(phases: 10);
        var loop = new PacingLoop(shard, _time, _waiter, onError: null);
        var playing = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => { }, null);
        playing.Enqueue(new short[160 * 100]);
        shard.Add(playing);
        var silent = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => _sentAt.Add(_time.GetTimestamp()), null);
        shard.Add(silent);
        return (shard, loop, silent);
    }

    [Fact]
    public void Enqueue_AfterSilence_WhileTheThreadSleeps_WakesIt_TheFirstPacketLeavesAtOnce()
    {
        var (shard, loop, silent) = PlayingAndSilent();
        var start = _time.GetTimestamp();
        StepsOf(loop, 2); // phases 0 and 1: the silent stream has nothing to send
        var ms = Interval / 20;
        _waiter.During = () =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(0.5)); // half-way through the 2 ms wait for phase 2
            silent.Enqueue(new short[160 * 3]); // the key's prompt
            _waiter.During = null;
        };
        StepsOf(loop, 25);

        // Before: it waited for the next step (phase 2, 4 ms) or the one after; before session 11, for the next busy phase.
        Assert.Equal(1, _waiter.Wakes);
        Assert.Equal(start + 2 * ms + ms / 2, _sentAt[0]);
        // Then it keeps a frame between packets: its own phase 1 was the least loaded of those near a frame later.
        Assert.Equal([start + Interval + 2 * ms, start + 2 * Interval + 2 * ms], _sentAt.Skip(1));
        Assert.Equal([1, 1, 0], Enumerable.Range(0, 3).Select(shard.CountIn));
    }

    [Fact]
    public void Enqueue_AfterSilence_TheStartingPromptLeavesAtOnce_BeforeEveryOtherStreamsNextPacket()
    {
        var shard = new PlayoutShard(phases: 1);
        var loop = new PacingLoop(shard, _time, _waiter, onError: null);
        var order = new List<(int Stream, long At)>();
        var streams = Enumerable.Range(0, 4).Select(index =>
        {
            var stream = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => order.Add((index, _time.GetTimestamp())), null);
            if (index < 3) stream.Enqueue(new short[160 * 100]);
            shard.Add(stream); // streams 0-2 playing, stream 3 silent and last
            return stream;
        }).ToArray();
        var start = _time.GetTimestamp();
        StepsOf(loop, 1);
        Assert.Equal([0, 1, 2], order.Select(o => o.Stream));

        streams[3].Enqueue(new short[160 * 10]); // the key's prompt
        order.Clear();
        StepsOf(loop, 2);

        // Before session 16: first in the next step's burst; before session 11, last in it.
        Assert.Equal([(3, start), (0, start + Interval), (1, start + Interval), (2, start + Interval), (3, start + Interval)], order.Take(5));
    }

    [Fact]
    public void Enqueue_AfterSilence_PromptsStartingInStepWithTheFrame_SpreadOverTheWindow()
    {
        var shard = new PlayoutShard(phases: 10);
        var loop = new PacingLoop(shard, _time, _waiter, onError: null);
        var streams = Enumerable.Range(0, 40).Select(_ =>
        {
            var stream = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => { }, null);
            shard.Add(stream); // silent: four per phase
            return stream;
        }).ToArray();
        // a prompt starts every 10 ms (keys pressed by a caller generator in step with the frame): always after phase 4 or 9
        foreach (var pair in streams.Chunk(2))
        {
            pair[0].Enqueue(new short[160 * 1000]);
            StepsOf(loop, 5);
            pair[1].Enqueue(new short[160 * 1000]);
            StepsOf(loop, 5);
        }

        var counts = Enumerable.Range(0, 10).Select(shard.CountIn).ToArray();
        Assert.Equal(40, counts.Sum());
        Assert.True(counts.Max() <= 6, $"phases {string.Join(",", counts)}: one starting phase would hold 20"); // five phases per start instead of one
    }

    /// <summary>Twenty playing streams (two per phase) and a silent one, which is then given a prompt 0.5 ms after
    /// the frame's last step; <paramref name="emptied"/> streams of phase 1 end first.</summary>
    private (PlayoutShard Shard, List<(long At, bool Marker)> Sent, long Start) StartAfterAFrame(int emptied)
    {
        var shard = new PlayoutShard(phases: 10);
        var loop = new PacingLoop(shard, _time, _waiter, onError: null);
        var fillers = Enumerable.Range(0, 20).Select(_ =>
        {
            var filler = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => { }, null);
            filler.Enqueue(new short[160 * 100]);
            shard.Add(filler); // two per phase: fillers[i] in phase i % 10
            return filler;
        }).ToArray();
        var sent = new List<(long At, bool Marker)>();
        var starting = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), p =>
        {
            RtpPacket.TryParse(p, out var parsed);
            sent.Add((_time.GetTimestamp(), parsed.Header.Marker));
        }, null);
        shard.Add(starting); // phase 0, silent
        foreach (var filler in new[] { fillers[1], fillers[11] }.Take(emptied)) filler.MarkRemoved(); // gone at phase 1's step
        var start = _time.GetTimestamp();
        StepsOf(loop, 10); // a frame: the last step was phase 9 at 18 ms, the next is phase 0 at 20 ms
        _time.Advance(TimeSpan.FromMilliseconds(0.5));
        starting.Enqueue(new short[160 * 10]);
        StepsOf(loop, 100);
        return (shard, sent, start);
    }

    /// <summary>A frame after 18.5 ms: phase 9 (0.5 ms early), 0 (1.5 late), 8 (2.5 early), 1 (3.5 late). All serve two,
    /// or phase 1 one stream less — within the slack, so the nearest wins (before: the least loaded, 3.5 ms late) — or
    /// two less: then phase 1, although 3.5 ms late, and its step at 22 ms passes the stream over (a packet 3.5 ms after
    /// the first would be two in a frame); the next one (42 ms) serves it.</summary>
    [Theory]
    [InlineData(0, 38, 9, 3)]
    [InlineData(1, 38, 9, 3)]
    [InlineData(2, 42, 1, 1)]
    public void Enqueue_AfterSilence_JoinsTheNearestPhaseWithinTheLoadSlack_NeverSentTwiceInAFrame(int emptied, int secondAtMs, int phase, int streamsThere)
    {
        var (shard, sent, start) = StartAfterAFrame(emptied);
        var ms = Interval / 20;

        Assert.Equal((start + 18 * ms + ms / 2, true), sent[0]);
        Assert.Equal((start + secondAtMs * ms, false), sent[1]);
        Assert.All(sent.Skip(1).Zip(sent.Skip(2), (a, b) => b.At - a.At), gap => Assert.Equal(Interval, gap));
        Assert.Equal(10, sent.Count);
        Assert.Equal(streamsThere, shard.CountIn(phase));
    }

    [Fact]
    public void Enqueue_AfterSilence_TwiceBeforeTheThreadWakes_StartedOnce()
    {
        var (_, loop, stream) = PlayingAndSilent();
        StepsOf(loop, 1);
        _waiter.During = () =>
        {
            stream.Enqueue(new short[160 * 10]); // a prompt...
            stream.Stop(); // ...a key...
            stream.Enqueue(new short[160 * 10]); // ...its answer: the stream is queued to start twice
            _waiter.During = null;
        };
        StepsOf(loop, 30);

        Assert.Equal(1, _waiter.Wakes);
        Assert.All(_sentAt.Zip(_sentAt.Skip(1), (a, b) => b - a), gap => Assert.Equal(Interval, gap)); // one packet a frame
        Assert.Equal(4, _sentAt.Count); // at 0, 20, 40, 60 ms
    }

    [Fact]
    public void Enqueue_AfterSilence_StreamRemovedBeforeItStarts_SendsNothingAndIsDropped()
    {
        var (shard, loop, stream) = PlayingAndSilent();
        StepsOf(loop, 1);
        _waiter.During = () =>
        {
            stream.Enqueue(new short[160 * 10]);
            stream.MarkRemoved(); // the call ended before the pacing thread woke
            _waiter.During = null;
        };
        StepsOf(loop, 20);

        Assert.Equal(1, _waiter.Wakes);
        Assert.Empty(_sentAt);
        Assert.Equal(1, shard.Count);
        Assert.Equal(1, Enumerable.Range(0, 10).Sum(shard.CountIn));
    }

    [Fact]
    public void Add_JoinsTheLeastLoadedPhase_AndRemovalFreesIt()
    {
        var shard = new PlayoutShard(phases: 3);
        var streams = Enumerable.Range(0, 4).Select(_ => new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => { }, null)).ToArray();
        foreach (var s in streams) shard.Add(s);
        Assert.Equal([2, 1, 1], Enumerable.Range(0, 3).Select(shard.CountIn));

        streams[1].MarkRemoved(); // phase 1
        shard.TickAll(null);
        Assert.Equal((3, 0), (shard.Count, shard.CountIn(1)));
        shard.Add(new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => { }, null));
        Assert.Equal([2, 1, 1], Enumerable.Range(0, 3).Select(shard.CountIn));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlayoutShard(phases: 0));
    }

    [Fact]
    public void Enqueue_AfterSilence_StartsAtOnceAndKeepsAFrameToItsSecondPacket()
    {
        var shard = new PlayoutShard(phases: 4);
        var loop = new PacingLoop(shard, _time, _waiter, onError: null);
        var sent = new List<(int Stream, long At, bool Marker)>();
        var streams = Enumerable.Range(0, 4).Select(index =>
        {
            var stream = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), p =>
            {
                RtpPacket.TryParse(p, out var parsed);
                sent.Add((index, _time.GetTimestamp(), parsed.Header.Marker));
            }, null);
            stream.Enqueue(new short[160 * 100]);
            shard.Add(stream); // one stream per phase: offsets 0, 5, 10, 15 ms
            return stream;
        }).ToArray();
        var start = _time.GetTimestamp();
        StepsOf(loop, 6); // 1½ frames: the last step was phase 1 at 25 ms, the next is phase 2

        streams[1].Stop(); // barge-in on the phase-1 stream, then its next prompt
        streams[1].Enqueue(new short[160 * 10]);
        streams[0].Enqueue(new short[160]); // queued behind playing audio: stays where it is
        sent.Clear();
        StepsOf(loop, 8);

        var moved = sent.Where(s => s.Stream == 1).ToArray();
        Assert.Equal(start + 5 * Interval / 4, moved[0].At); // at once (the clock still at phase 1's step), not at phase 2's
        Assert.True(moved[0].Marker);
        Assert.Equal(moved[0].At + Interval, moved[1].At); // its own phase was the one a frame later
        Assert.False(moved[1].Marker);
        Assert.Equal([1, 1, 1, 1], Enumerable.Range(0, 4).Select(shard.CountIn));
        Assert.Equal([start + 8 * Interval / 4, start + 12 * Interval / 4], sent.Where(s => s.Stream == 0).Select(s => s.At));
    }

    [Fact]
    public void Enqueue_AfterSilence_EmptyPhasesDoNotDelayTheStart()
    {
        var shard = new PlayoutShard(phases: 4);
        var loop = new PacingLoop(shard, _time, _waiter, onError: null);
        var stream = new PlayoutStream(G711Law.MuLaw, new RtpSender(0, _time), _ => _sentAt.Add(_time.GetTimestamp()), null);
        shard.Add(stream); // silent, phase 0
        var start = _time.GetTimestamp();
        loop.Step(CancellationToken.None); // phase 0: nothing to send
        stream.Enqueue(new short[160 * 3]);
        loop.Step(CancellationToken.None);

        Assert.Equal([start], _sentAt); // at once: before session 16 at phase 1's step (5 ms), before session 11 a frame later
    }
}
