namespace Ivr.Telephony.Calls;

/// <summary>
/// Notices a dead media path: when no RTP arrived for <c>timeout</c> (counted from the start or the last
/// packet), outside hold, it calls <c>onTimeout</c> once. Checked a few times per timeout by the shared
/// <see cref="MediaTimeoutSweep"/> of the injected <see cref="TimeProvider"/> (one timer for all calls). Thread-safe.
/// </summary>
internal sealed class MediaTimeoutWatch : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly Action _onTimeout;
    private readonly MediaTimeoutSweep _sweep;
    private long _lastActivity;
    private int _onHold;
    private int _fired;

    public MediaTimeoutWatch(TimeProvider time, TimeSpan timeout, Action onTimeout)
    {
        _time = time;
        _timeout = timeout;
        _onTimeout = onTimeout;
        _lastActivity = time.GetTimestamp();
        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 5, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _sweep = MediaTimeoutSweep.For(time, period);
        _sweep.Add(this);
    }

    /// <summary>A packet arrived (called per packet: one volatile write).</summary>
    public void Activity() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    /// <summary>On hold the peer may legitimately send nothing; resuming restarts the count.</summary>
    public void SetHold(bool onHold)
    {
        Activity();
        Volatile.Write(ref _onHold, onHold ? 1 : 0);
    }

    public void Dispose() => _sweep.Remove(this);

    /// <summary>By the sweep: fires once when the timeout has passed without a packet, outside hold.</summary>
    internal void Check()
    {
        if (Volatile.Read(ref _onHold) == 1 || _time.GetElapsedTime(Volatile.Read(ref _lastActivity)) < _timeout) return;
        if (Interlocked.Exchange(ref _fired, 1) == 1) return;
        _sweep.Remove(this);
        _onTimeout();
    }
}
