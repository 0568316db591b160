using Ivr.Core.Serial;

namespace Ivr.Sip;

/// <summary>
/// The SIP stack's one work queue: a <see cref="SerialQueue{T}"/> of actions with
/// <see cref="SerialDispatch.Inline"/> dispatch. Everything that touches transactions, dialogs and calls
/// goes through it — received messages, timer expiries and API calls — so protocol state needs no locks and
/// is never re-entered. When idle, <see cref="Post"/> runs the item on the caller's thread before returning,
/// which keeps tests with a fake clock deterministic. A failing item is logged; the next one still runs.
/// </summary>
public sealed class SipWorkQueue
{
    private readonly SerialQueue<Action> _queue;

    public SipWorkQueue(ISipLog? log = null)
    {
        var sink = log ?? NullSipLog.Instance;
        _queue = new SerialQueue<Action>(
            static action => action(),
            (_, ex) => sink.Warning($"SIP work item failed: {ex.GetType().Name}: {ex.Message}"),
            SerialDispatch.Inline);
    }

    /// <summary>Items waiting to run.</summary>
    public int Pending => _queue.Pending;

    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _queue.Post(action);
    }
}
