namespace Ivr.Sip.Transactions;

/// <summary>
/// The server transactions that only wait out 64*T1 before they end: an INVITE answered with a 2xx (Timer L, RFC 6026
/// §8.7) and a non-INVITE answered over an unreliable transport (Timer J, RFC 3261 §17.2.2). The wait is the same for
/// every transaction of a stack (<see cref="SipTimerSettings.TransactionTimeout"/>), so they end in the order they began
/// waiting: one timer, armed for the head of the line, ends each at its own deadline. Before, each had a timer of its own
/// (the timer, the system's timer and two delegates, ~320 B) — every new call's INVITE transaction held them for 32 s,
/// and the collector copied them with the calls' state (issue 13). On the stack's work queue only, like the transactions.
/// </summary>
internal sealed class TransactionTimeoutLine
{
    private readonly TransactionContext _context;
    private readonly Queue<(long Since, SipServerTransaction Transaction)> _waiting = new();
    private readonly TransactionTimer _timer;

    public TransactionTimeoutLine(TransactionContext context)
    {
        _context = context;
        _timer = new TransactionTimer(context, EndThoseDue);
    }

    /// <summary>Transactions waiting (ended ones stay until their deadline passes, then are dropped).</summary>
    public int Count => _waiting.Count;

    /// <summary><paramref name="transaction"/> ends (<see cref="SipServerTransaction.WaitedOut"/>) 64*T1 from now.</summary>
    public void Add(SipServerTransaction transaction)
    {
        _waiting.Enqueue((_context.Time.GetTimestamp(), transaction));
        if (_waiting.Count == 1) _timer.Start(_context.Timers.TransactionTimeout);
    }

    private void EndThoseDue()
    {
        var timeout = _context.Timers.TransactionTimeout;
        while (_waiting.TryPeek(out var head))
        {
            var left = timeout - _context.Time.GetElapsedTime(head.Since);
            if (left > TransactionTimer.Tolerance)
            {
                _timer.Start(left);
                return;
            }

            _waiting.Dequeue();
            head.Transaction.WaitedOut();
        }
    }
}
