namespace Ivr.Media.Playout;

/// <summary>
/// One pacing thread's loop over its <see cref="PlayoutShard"/>. The 20 ms frame is cut into the
/// shard's phases (10 phases: a step every 2 ms); each step sleeps to its absolute deadline
/// (start + n × step, so lateness never accumulates) and ticks the streams of one phase, so every
/// stream is ticked once per frame at its own fixed offset. The thread wakes at every step while it has streams,
/// empty phases included. Skipping empty phases used to let a starting stream wait for the next phase with streams
/// (up to a frame) and join it, so the streams piled into one phase: at 1,000 held calls one 9 ms burst per frame
/// (perf sched, session 11) instead of ten short ones.
/// A prompt given to a silent stream wakes the thread between steps (<see cref="IDeadlineWaiter.Wake"/>): its first
/// packet leaves at once and the stream joins a phase about a frame later (<see cref="PlayoutShard.StartWaiting"/>);
/// the step's deadline does not move. Before that (session 11 to 15) a starting prompt waited for the next step, or the
/// one after it: up to 4 ms of a key's answer.
/// A thread more than 3 frames behind (a stall) skips ahead rather than sending a burst. With no
/// stream registered it parks on the shard's wake-up event (no timer, no CPU) and starts a fresh
/// deadline series when a stream arrives.
/// </summary>
internal sealed class PacingLoop
{
    private readonly PlayoutShard _shard;
    private readonly TimeProvider _time;
    private readonly IDeadlineWaiter _waiter;
    private readonly Action<Exception>? _onError;
    private readonly long _frame;
    private readonly long _step;
    private readonly SendTimings _timings;
    private long _deadline;
    private int _phase;
    private bool _parked = true;

    public PacingLoop(PlayoutShard shard, TimeProvider time, IDeadlineWaiter waiter, Action<Exception>? onError)
    {
        _shard = shard;
        _time = time;
        _waiter = waiter;
        _onError = onError;
        _frame = (long)(PlayoutScheduler.FrameInterval.TotalSeconds * time.TimestampFrequency);
        _step = _frame / shard.PhaseCount;
        _timings = shard.MeasureWith(time);
        shard.StartSignal = waiter.Wake;
    }

    /// <summary>The deadline of the next step (a timestamp of the scheduler's clock); meaningless while parked.</summary>
    public long NextDeadline => _deadline;

    /// <summary>The phase the next step serves.</summary>
    public int NextPhase => _phase;

    /// <summary>Whether the loop is (or, before its first step, will be) waiting for a stream.</summary>
    public bool IsParked => _parked;

    public void Run(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested) Step(stop);
    }

    /// <summary>One pass: park while the shard is empty, else wait for the next step's deadline, start the prompts given
    /// to silent streams meanwhile, and tick the step's phase; a wait cut short by such a prompt starts it and returns.</summary>
    public void Step(CancellationToken stop)
    {
        if (_shard.Count == 0)
        {
            _parked = true;
            if (!_shard.WaitForStreams(stop)) return;
        }

        if (_parked)
        {
            _parked = false;
            _deadline = _time.GetTimestamp(); // a stream arrived: the next phase with streams is served now
            for (var skipped = 0; skipped < _shard.PhaseCount && _shard.CountIn(_phase) == 0; skipped++) _phase = (_phase + 1) % _shard.PhaseCount;
        }

        var reached = _waiter.WaitUntil(_deadline);
        if (stop.IsCancellationRequested) return;
        if (_shard.HasStarting) _shard.StartWaiting(_phase, _deadline, _frame, _time.GetTimestamp(), _onError, _timings);
        if (!reached) return;
        _shard.RecordLateness(Math.Max(0, _time.GetTimestamp() - _deadline), _time.TimestampFrequency, _shard.CountIn(_phase));
        _shard.Tick(_phase, _onError, _timings);
        Advance();
        var now = _time.GetTimestamp();
        if (now - _deadline > 3 * _frame)
        {
            _shard.RecordResync();
            _deadline = now + _step;
        }
    }

    private void Advance()
    {
        _deadline += _step;
        _phase = (_phase + 1) % _shard.PhaseCount;
    }
}
