namespace Ivr.Runtime.Simulation;

/// <summary>A timer of a <see cref="VirtualClock"/>; re-arming leaves the old queue entry stale.</summary>
internal sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
{
    private long _order;
    private DateTimeOffset _due;
    private TimeSpan _period = Timeout.InfiniteTimeSpan;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        _order = 0;
        _period = period;
        if (dueTime == Timeout.InfiniteTimeSpan) return true;
        _due = clock.GetUtcNow() + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
        _order = clock.Schedule(this, _due);
        return true;
    }

    internal bool IsDue(DateTimeOffset due, long order) => _order == order && _due == due;

    internal void Fire()
    {
        _order = 0;
        if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
        {
            _due += _period;
            _order = clock.Schedule(this, _due);
        }

        callback(state);
    }

    public void Dispose() => _order = 0;

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
