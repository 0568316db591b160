namespace Ivr.Sip.Transactions;

/// <summary>
/// A one-shot timer on the injected <see cref="TimeProvider"/> whose expiry runs on the stack's
/// <see cref="SipWorkQueue"/>. Restarting or stopping it makes any expiry already in flight harmless.
/// </summary>
internal sealed class TransactionTimer
{
    private readonly TransactionContext _context;
    private readonly Action _onFire;
    private ITimer? _timer;
    private int _generation;

    public TransactionTimer(TransactionContext context, Action onFire)
    {
        _context = context;
        _onFire = onFire;
    }

    public TimeSpan Interval { get; private set; }

    public void Start(TimeSpan due)
    {
        Stop();
        Interval = due;
        var generation = _generation;
        _timer = _context.Time.CreateTimer(
            _ => _context.Queue.Post(() =>
            {
                if (generation == _generation)
                {
                    _onFire();
                }
            }),
            null,
            due,
            Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        _generation++;
        _timer?.Dispose();
        _timer = null;
    }
}
