using System.Collections.Concurrent;

namespace Ivr.Media.Playout;

/// <summary>
/// The streams one scheduler thread serves, spread over <see cref="PhaseCount"/> phases of the 20 ms
/// frame: the thread serves one phase per step, so each stream keeps its own fixed offset within the
/// frame and a step sends only a fraction of all packets (a short, steady burst instead of one long
/// one whose tail wanders). A new stream joins the least-loaded phase. Each phase's list
/// (<see cref="PhaseStreams"/>) is appended to by other threads and shrunk in place by the pacing thread only, so
/// adding a stream never blocks a step, and a step (removing or moving streams included) allocates nothing.
/// A silent stream given audio (a new prompt after barge-in or a pause) wakes the pacing thread
/// (<see cref="StartSignal"/>), which sends its first packet at once (<see cref="StartWaiting"/>: a key's answer waits
/// for no step) and moves it to the phase whose step falls nearest 20 ms later among those not much busier than the
/// least loaded within <see cref="StartWindow"/>, so prompts that start in step with the frame (calls set up or keys
/// pressed every 10 ms) still spread over the phases. The first packet starts a talkspurt (marker set), so the changed
/// offset is no jitter; the second leaves within 4 ms of 20 ms after it (within a step when starts come at random;
/// 1.9 ms off at the median when SIPp presses 1,000 keys every 10 ms in step).
/// Lateness statistics are written by the ticking thread only. A pacing thread with no stream parks in
/// <see cref="WaitForStreams"/>; <see cref="Add"/> wakes it.
/// </summary>
internal sealed class PlayoutShard
{
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _streamAdded = new(false, spinCount: 0);
    private readonly PhaseStreams[] _phases;
    private readonly ConcurrentQueue<PlayoutStream> _starting = new();
    private readonly Action<PlayoutStream> _startSoon;
    private int _count;
    private long _ticks;
    private long _latenessSum;
    private long _latenessMax;
    private long _lateTicks;
    private long _resyncs;
    private long _errors;
    private LatenessHistogram? _lateness;

    public PlayoutShard(int phases = 1)
    {
        if (phases < 1) throw new ArgumentOutOfRangeException(nameof(phases), phases, "at least one phase");
        _phases = Enumerable.Range(0, phases).Select(_ => new PhaseStreams()).ToArray();
        _startSoon = StartSoon;
    }

    /// <summary>Wakes the pacing thread serving this shard (its waiter's <c>Wake</c>) when a stream is given audio after
    /// silence; null while no thread serves it (a driver calling <see cref="TickAll"/> serves such streams in its next tick,
    /// in their own phases). A stream given audio after the thread's <see cref="StartWaiting"/> and before its step is
    /// started at the next step's, unless its own phase sends it first.</summary>
    internal Action? StartSignal { get; set; }

    public int PhaseCount => _phases.Length;

    public int Count => Volatile.Read(ref _count);

    public long Errors => Interlocked.Read(ref _errors);

    public int CountIn(int phase) => _phases[phase].Count;

    /// <summary>The phase serving <paramref name="stream"/>; -1 when none does (for tests and diagnostics: a linear search).</summary>
    internal int PhaseOf(PlayoutStream stream)
    {
        lock (_gate)
        {
            for (var phase = 0; phase < _phases.Length; phase++)
                if (_phases[phase].Contains(stream)) return phase;
            return -1;
        }
    }

    /// <summary>Whether a silent stream was given audio and waits to be started (<see cref="StartWaiting"/>).</summary>
    public bool HasStarting => !_starting.IsEmpty;

    public void Add(PlayoutStream stream)
    {
        lock (_gate)
        {
            var phase = 0;
            for (var p = 1; p < _phases.Length; p++)
                if (_phases[p].Count < _phases[phase].Count) phase = p;
            _phases[phase].Append(stream);
            Volatile.Write(ref _count, _count + 1);
        }

        stream.AudioAfterSilence = _startSoon;

        _streamAdded.Set();
    }

    /// <summary>Blocks while the shard has no stream. Returns false when <paramref name="stop"/> ended the wait.</summary>
    public bool WaitForStreams(CancellationToken stop)
    {
        _streamAdded.Reset();
        if (Count > 0) return true; // added between the caller's check and the reset: no wake-up is lost
        try
        {
            _streamAdded.Wait(stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One tick for every stream of every phase (a whole 20 ms step, when driven by hand). A stream given audio
    /// after silence needs no start of its own here: every stream is served in this tick, in its phase.</summary>
    public void TickAll(Action<Exception>? onError)
    {
        while (_starting.TryDequeue(out _))
        {
        }

        for (var phase = 0; phase < _phases.Length; phase++) Tick(phase, onError);
    }

    /// <summary>One tick for every stream of <paramref name="phase"/>; a stream whose sink or callback
    /// throws does not stop the others. <paramref name="timings"/> (the pacing thread's) notes when each packet left
    /// and how long the burst took.</summary>
    public void Tick(int phase, Action<Exception>? onError, SendTimings? timings = null)
    {
        var detached = 0;
        var streams = _phases[phase].Snapshot();
        var start = timings is not null && streams.Length > 0 ? timings.Now() : 0;
        Prefetch(streams);
        foreach (var stream in streams)
        {
            if (stream!.SkipNextTick)
            {
                stream.SkipNextTick = false; // it started less than a frame ago (StartWaiting)
                continue;
            }

            if (stream.Tick(out var failure, timings)) detached++;
            if (failure is null) continue;
            Interlocked.Increment(ref _errors);
            onError?.Invoke(failure);
        }

        if (start != 0) timings!.StepDone(start);
        if (detached > 0)
        {
            lock (_gate) Volatile.Write(ref _count, _count - _phases[phase].RemoveDetached());
        }
    }

    /// <summary>Has the CPU fetch what the step's ticks will read, a hop a pass (<see cref="CacheLines"/>): the streams,
    /// then each one's packet, queue, RTP state and sink, then the sink's target (the call leg). A few microseconds a
    /// step against a cache miss per object per stream waited for in turn.</summary>
    private static void Prefetch(ReadOnlySpan<PlayoutStream?> streams)
    {
        foreach (var stream in streams) CacheLines.Prefetch(stream);
        foreach (var stream in streams) stream?.PrefetchFirstHop();
        foreach (var stream in streams) stream?.PrefetchSecondHop();
    }

    private void StartSoon(PlayoutStream stream)
    {
        _starting.Enqueue(stream);
        StartSignal?.Invoke();
    }

    /// <summary>
    /// The pacing thread, between its steps: every stream given audio after silence sends its first packet now, then
    /// joins, for the rest of its talkspurt, the phase whose next turn comes nearest a frame after that packet among
    /// those within <see cref="StartWindow"/> of it that serve at most <see cref="LoadSlack"/> streams more than the
    /// least loaded of them (the nearest of all when none is that near, as with a single phase). A phase whose step
    /// comes sooner in this frame skips the stream once. The talkspurt's second packet so leaves at most the window
    /// early or late, after the marked first one; then every frame. A stream removed before it starts is dropped here,
    /// without sending.
    /// </summary>
    /// <param name="nextPhase">The phase of the thread's next step, due at <paramref name="nextDeadline"/>.</param>
    /// <param name="frame">The frame (20 ms) in the thread's clock ticks; <paramref name="now"/> is that clock's now.</param>
    public void StartWaiting(int nextPhase, long nextDeadline, long frame, long now, Action<Exception>? onError, SendTimings? timings)
    {
        while (_starting.TryDequeue(out var stream))
        {
            if (!stream.AwaitsStart) continue; // queued twice (a prompt, a barge-in, another prompt): started already
            if (!TakeOut(stream)) continue; // gone already: its removal was counted when it left its phase
            var detached = stream.Tick(out var failure, timings);
            if (failure is not null)
            {
                Interlocked.Increment(ref _errors);
                onError?.Invoke(failure);
            }

            lock (_gate)
            {
                if (detached)
                {
                    Volatile.Write(ref _count, _count - 1);
                    continue;
                }

                var (phase, skip) = TurnAfterAFrame(nextPhase, nextDeadline - now, frame);
                stream.SkipNextTick = skip;
                _phases[phase].Append(stream);
            }
        }
    }

    /// <summary>Which phase a stream that just sent should join, and whether that phase's coming step must skip it
    /// (that step comes sooner than a frame away): see <see cref="StartWaiting"/>. Among the phases whose turn comes
    /// within <see cref="StartWindow"/> of a frame, the nearest whose load is within <see cref="LoadSlack"/> of the least
    /// loaded of them: the talkspurt's second packet is then near a frame after the first (the gap it leaves is jitter a
    /// caller's phone sees once), and prompts starting in step with the frame still spread.</summary>
    private (int Phase, bool Skip) TurnAfterAFrame(int nextPhase, long untilNextStep, long frame)
    {
        var step = frame / _phases.Length;
        var window = frame * StartWindow.Ticks / PlayoutScheduler.FrameInterval.Ticks;
        var least = int.MaxValue;
        for (var ahead = 0; ahead < _phases.Length; ahead++)
            if (Turn(ahead).Off <= window) least = Math.Min(least, _phases[(nextPhase + ahead) % _phases.Length].Count);

        (int Phase, bool Skip, long Off) chosen = (-1, false, long.MaxValue);
        for (var ahead = 0; ahead < _phases.Length; ahead++)
        {
            var (skip, off) = Turn(ahead);
            var phase = (nextPhase + ahead) % _phases.Length;
            var eligible = least == int.MaxValue || (off <= window && _phases[phase].Count <= least + LoadSlack); // none near: the nearest
            if (eligible && off < chosen.Off) chosen = (phase, skip, off);
        }

        return (chosen.Phase, chosen.Skip);

        // The phase `ahead` steps after the next one: served at its coming step the gap after the packet just sent is
        // `turn`; skipped there, `turn + frame`. The one nearer a frame, and how far from it.
        (bool Skip, long Off) Turn(int ahead)
        {
            var turn = untilNextStep + ahead * step;
            var skip = turn <= 0 || Math.Abs(turn) <= Math.Abs(turn - frame);
            return (skip, skip ? Math.Abs(turn) : Math.Abs(turn - frame));
        }
    }

    /// <summary>How many streams more than the least loaded phase near a frame a phase may serve and still be chosen for
    /// its nearness: one, or a twentieth of a phase's share of the shard's streams (5 of 100 at 1,000 streams).</summary>
    private int LoadSlack => Math.Max(1, Count / (_phases.Length * 20));

    /// <summary>Takes a stream out of its phase (found by reference, once per prompt after silence); false when it is in none.</summary>
    private bool TakeOut(PlayoutStream stream)
    {
        lock (_gate)
        {
            foreach (var phase in _phases)
                if (phase.Remove(stream)) return true;
            return false;
        }
    }

    /// <summary>How far a starting stream's second packet may leave from a frame after its first, for a less loaded phase
    /// (<see cref="StartWaiting"/>: four or five of ten phases to choose from).</summary>
    internal static readonly TimeSpan StartWindow = TimeSpan.FromMilliseconds(4);

    /// <summary>A step began <paramref name="lateTicks"/> after its deadline and serves <paramref name="streams"/> streams:
    /// noted in the statistics (per step) and in <see cref="Lateness"/> (per stream served). Only the ticking thread calls this.</summary>
    public void RecordLateness(long lateTicks, long frequency, int streams)
    {
        var lateness = _lateness ?? CreateLateness(frequency);
        lateness.Record(lateTicks, streams);
        _ticks++;
        _latenessSum += lateTicks;
        if (lateTicks > _latenessMax) _latenessMax = lateTicks;
        if (lateTicks > frequency / 500) _lateTicks++;
    }

    public void RecordResync() => _resyncs++;

    /// <summary>When this shard's packets really left and how long its bursts took; null until a pacing thread serves it.</summary>
    public SendTimings? Timings { get; private set; }

    /// <summary>The pacing thread's clock for <see cref="Timings"/> (the first thread to serve the shard keeps it).</summary>
    internal SendTimings MeasureWith(TimeProvider clock)
    {
        lock (_gate) return Timings ??= new SendTimings(clock);
    }

    /// <summary>How late this shard's streams were served; null before its first step.</summary>
    public LatenessHistogram? Lateness => Volatile.Read(ref _lateness);

    private LatenessHistogram CreateLateness(long frequency)
    {
        var created = new LatenessHistogram(frequency);
        Volatile.Write(ref _lateness, created);
        return created;
    }

    public PlayoutStatistics Statistics(long frequency)
    {
        var ticks = Math.Max(1, _ticks);
        return new PlayoutStatistics(
            _ticks,
            TimeSpan.FromSeconds((double)_latenessSum / ticks / frequency),
            TimeSpan.FromSeconds((double)_latenessMax / frequency),
            _lateTicks,
            _resyncs);
    }
}
