using System.Collections.Concurrent;

namespace Ivr.Media.Playout;

/// <summary>
/// The streams one scheduler thread serves, spread over <see cref="PhaseCount"/> phases of the 20 ms
/// frame: the thread serves one phase per step, so each stream keeps its own fixed offset within the
/// frame and a step sends only a fraction of all packets (a short, steady burst instead of one long
/// one whose tail wanders). A new stream joins the least-loaded phase. Each phase's list
/// (<see cref="PhaseStreams"/>) is appended to by other threads and shrunk in place by the pacing thread only, so
/// adding a stream never blocks a step, and a step (removing or moving streams included) allocates nothing.
/// A silent stream given audio (a new prompt after barge-in or a pause) moves to the least loaded of the phases of
/// the steps within <see cref="StartWindow"/>, so the prompt starts within 4 ms (two steps) rather than within a frame
/// (20 ms), and prompts that start in step with the frame (calls set up or keys pressed every 10 ms) still spread
/// over the phases; it goes first in its phase's burst. A moved stream's first packet starts a talkspurt (marker set),
/// so the changed offset is no jitter.
/// Lateness statistics are written by the ticking thread only. A pacing thread with no stream parks in
/// <see cref="WaitForStreams"/>; <see cref="Add"/> wakes it.
/// </summary>
internal sealed class PlayoutShard
{
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _streamAdded = new(false, spinCount: 0);
    private readonly PhaseStreams[] _phases;
    private readonly int _startPhases;
    private readonly ConcurrentQueue<PlayoutStream> _starting = new();
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
        _startPhases = Math.Max(1, (int)(phases * StartWindow.Ticks / PlayoutScheduler.FrameInterval.Ticks));
    }

    public int PhaseCount => _phases.Length;

    public int Count => Volatile.Read(ref _count);

    public long Errors => Interlocked.Read(ref _errors);

    public int CountIn(int phase) => _phases[phase].Count;

    /// <summary>Whether a silent stream was given audio and waits to be moved to the next step's phase.</summary>
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

        stream.AudioAfterSilence = _starting.Enqueue;

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

    /// <summary>One tick for every stream of every phase (a whole 20 ms step, when driven by hand).</summary>
    public void TickAll(Action<Exception>? onError)
    {
        for (var phase = 0; phase < _phases.Length; phase++) Tick(phase, onError);
    }

    /// <summary>One tick for every stream of <paramref name="phase"/>; a stream whose sink or callback
    /// throws does not stop the others. <paramref name="timings"/> (the pacing thread's) notes when each packet left
    /// and how long the burst took.</summary>
    public void Tick(int phase, Action<Exception>? onError, SendTimings? timings = null)
    {
        while (_starting.TryDequeue(out var starting)) MoveTo(starting, phase);
        var detached = 0;
        var streams = _phases[phase].Snapshot();
        var start = timings is not null && streams.Length > 0 ? timings.Now() : 0;
        foreach (var stream in streams)
        {
            if (stream!.Tick(out var failure, timings)) detached++;
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

    /// <summary>How long a starting stream may wait, from the step being served, for a less loaded phase: the phases of
    /// the steps that begin within it are its choice (two of ten phases; at least the step being served).</summary>
    internal static readonly TimeSpan StartWindow = TimeSpan.FromMilliseconds(4);


    /// <summary>Moves a stream (found by reference: once per prompt after silence) to the front of the least loaded phase
    /// among <paramref name="phase"/> and those of the next steps within <see cref="StartWindow"/> (the nearest on a tie), in place (the
    /// pacing thread is the only one iterating the lists); a stream already in that window goes first in its own phase,
    /// a stream gone stays gone.</summary>
    private void MoveTo(PlayoutStream stream, int phase)
    {
        lock (_gate)
        {
            var target = phase;
            for (var ahead = 0; ahead < _startPhases; ahead++)
            {
                var candidate = (phase + ahead) % _phases.Length;
                if (_phases[candidate].Remove(stream))
                {
                    _phases[candidate].InsertFirst(stream); // its own phase is near enough: first in its burst
                    return;
                }

                if (_phases[candidate].Count < _phases[target].Count) target = candidate;
            }

            foreach (var from in _phases)
            {
                if (!from.Remove(stream)) continue;
                _phases[target].InsertFirst(stream);
                return;
            }
        }
    }

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
