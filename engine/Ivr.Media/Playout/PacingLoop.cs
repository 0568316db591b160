namespace Ivr.Media.Playout;

/// <summary>
/// One pacing thread's loop over its <see cref="PlayoutShard"/>: sleep to the next absolute deadline
/// (start + n × 20 ms, so lateness never accumulates), tick every stream once, advance the deadline.
/// A thread more than 3 frames behind (a stall) skips ahead rather than sending a burst. With no stream
/// registered it parks on the shard's wake-up event (no timer, no CPU) and starts a fresh deadline
/// series when a stream arrives.
/// </summary>
internal sealed class PacingLoop(PlayoutShard shard, TimeProvider time, IDeadlineWaiter waiter, Action<Exception>? onError)
{
    private readonly long _interval = (long)(PlayoutScheduler.FrameInterval.TotalSeconds * time.TimestampFrequency);
    private long _deadline;
    private bool _parked = true;

    /// <summary>The deadline of the next tick (a timestamp of the scheduler's clock); meaningless while parked.</summary>
    public long NextDeadline => _deadline;

    /// <summary>Whether the loop is (or, before its first step, will be) waiting for a stream.</summary>
    public bool IsParked => _parked;

    public void Run(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested) Step(stop);
    }

    /// <summary>One pass: park while the shard is empty, else wait for the deadline and tick.</summary>
    public void Step(CancellationToken stop)
    {
        if (shard.Count == 0)
        {
            _parked = true;
            if (!shard.WaitForStreams(stop)) return;
        }

        if (_parked)
        {
            _parked = false;
            _deadline = time.GetTimestamp(); // a stream arrived: its first tick is now
        }

        waiter.WaitUntil(_deadline);
        if (stop.IsCancellationRequested) return;
        shard.RecordLateness(Math.Max(0, time.GetTimestamp() - _deadline), time.TimestampFrequency);
        shard.Tick(onError);
        _deadline += _interval;
        var now = time.GetTimestamp();
        if (now - _deadline > 3 * _interval)
        {
            shard.RecordResync();
            _deadline = now + _interval;
        }
    }
}
