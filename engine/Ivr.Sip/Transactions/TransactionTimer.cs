namespace Ivr.Sip.Transactions;

/// <summary>
/// A one-shot timer on the injected <see cref="TimeProvider"/> whose expiry runs on the stack's
/// <see cref="SipWorkQueue"/>. Restarting or stopping it makes any expiry already in flight harmless: the expiry is
/// checked on the queue against the deadline of the latest <see cref="Start"/> (an early or stale one re-arms for what
/// is left). One <see cref="ITimer"/> serves every restart (Timer G's backoff changes it; nothing is allocated per
/// start), and <see cref="Stop"/> or an expiry that does not restart it disposes it: a timer at rest holds nothing the
/// collector must finalize.
/// </summary>
internal sealed class TransactionTimer
{
    // A system timer may run its callback up to a tick of its coarse clock before the precise deadline: fire then.
    internal static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(1);

    private readonly TransactionContext _context;
    private readonly Action _onFire;
    private ITimer? _timer;
    private Action? _expire;
    private long _startedAt;
    private bool _armed;

    public TransactionTimer(TransactionContext context, Action onFire)
    {
        _context = context;
        _onFire = onFire;
    }

    public TimeSpan Interval { get; private set; }

    public void Start(TimeSpan due)
    {
        Interval = due;
        _startedAt = _context.Time.GetTimestamp();
        _armed = true;
        if (_timer is null)
        {
            _timer = _context.Time.CreateTimer(static state => ((TransactionTimer)state!).Elapsed(), this, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    public void Stop()
    {
        _armed = false;
        _timer?.Dispose();
        _timer = null;
    }

    // On the timer's thread: the rest runs on the work queue, with the transaction's other inputs.
    private void Elapsed() => _context.Queue.Post(_expire ??= Expire);

    private void Expire()
    {
        if (!_armed)
        {
            return; // stopped after this expiry was posted
        }

        var left = Interval - _context.Time.GetElapsedTime(_startedAt);
        if (left > Tolerance)
        {
            _timer?.Change(left, Timeout.InfiniteTimeSpan); // an expiry of an earlier start, or early
            return;
        }

        _armed = false;
        _onFire();
        if (!_armed)
        {
            Stop(); // not restarted by its expiry (Timer G's backoff is): nothing left to hold
        }
    }
}
