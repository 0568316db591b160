namespace Ivr.Runtime.Simulation;

/// <summary>
/// Virtual time for simulated calls: nothing happens until the driver advances it, and timers fire
/// in deadline order on the advancing thread. Not thread-safe: one driver owns it.
/// </summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private readonly PriorityQueue<VirtualTimer, (DateTimeOffset Due, long Order)> _due = new();
    private DateTimeOffset _now = start;
    private long _order;

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now.UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>When the next armed timer is due, or null when none is.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            while (_due.TryPeek(out var timer, out var key))
            {
                if (timer.IsDue(key.Due, key.Order)) return key.Due;
                _due.Dequeue(); // stale entry of a timer changed or disposed since
            }

            return null;
        }
    }

    /// <summary>Moves time forward by <paramref name="span"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan span) => AdvanceTo(_now + span);

    public void AdvanceTo(DateTimeOffset until)
    {
        while (NextDue is { } due && due <= until)
        {
            var timer = _due.Dequeue();
            _now = due;
            timer.Fire();
        }

        if (until > _now) _now = until;
    }

    /// <summary>Jumps to the next timer and fires it (and any due at the same instant). False when none is armed.</summary>
    public bool AdvanceToNext()
    {
        if (NextDue is not { } due) return false;
        AdvanceTo(due);
        return true;
    }

    internal long Schedule(VirtualTimer timer, DateTimeOffset due)
    {
        var order = ++_order;
        _due.Enqueue(timer, (due, order));
        return order;
    }
}
