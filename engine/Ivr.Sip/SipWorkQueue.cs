namespace Ivr.Sip;

/// <summary>
/// Runs work items one at a time, to completion, in the order posted (the "queued firing mode"
/// of a state machine). Everything that touches transactions, dialogs and calls goes through it:
/// received messages, timer expiries and API calls. An item posted while another runs is queued and
/// run by the thread already draining, so protocol state needs no locks and is never re-entered.
/// When idle, <see cref="Post"/> runs the item on the caller's thread before returning, which keeps
/// tests with a fake clock deterministic.
/// </summary>
public sealed class SipWorkQueue
{
    private readonly object _gate = new();
    private readonly Queue<Action> _items = new();
    private readonly ISipLog _log;
    private bool _draining;

    public SipWorkQueue(ISipLog? log = null)
    {
        _log = log ?? NullSipLog.Instance;
    }

    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            _items.Enqueue(action);
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        Drain();
    }

    private void Drain()
    {
        while (true)
        {
            Action next;
            lock (_gate)
            {
                if (_items.Count == 0)
                {
                    _draining = false;
                    return;
                }

                next = _items.Dequeue();
            }

            try
            {
                next();
            }
            catch (Exception ex)
            {
                _log.Warning($"SIP work item failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
