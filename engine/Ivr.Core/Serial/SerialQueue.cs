namespace Ivr.Core.Serial;

/// <summary>
/// Runs items one at a time, to completion, in the order posted — the "queued firing mode" of a
/// state machine. An item posted while another runs is queued and run by the thread already
/// draining, so the state the handler touches needs no locks and is never re-entered. A handler's
/// exception is reported to <c>onError</c> and never reaches the poster; the next item still runs.
/// Until <see cref="Open"/> is called (when created closed) items wait: a call's reports made
/// before its handler is attached are kept, in order.
/// </summary>
public sealed class SerialQueue<T>
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _items = new();
    private readonly Action<T> _handle;
    private readonly Action<T, Exception> _onError;
    private readonly SerialDispatch _dispatch;
    private bool _open;
    private bool _draining;

    public SerialQueue(Action<T> handle, Action<T, Exception> onError, SerialDispatch dispatch, bool open = true)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(onError);
        _handle = handle;
        _onError = onError;
        _dispatch = dispatch;
        _open = open;
    }

    /// <summary>Items posted and not yet taken by the draining thread.</summary>
    public int Pending
    {
        get
        {
            lock (_gate) return _items.Count;
        }
    }

    /// <summary>Starts running items (those posted so far first), if the queue was created closed.</summary>
    public void Open()
    {
        lock (_gate)
        {
            _open = true;
            if (!TryClaimDrain()) return;
        }

        StartDrain();
    }

    public void Post(T item)
    {
        lock (_gate)
        {
            _items.Enqueue(item);
            if (!TryClaimDrain()) return;
        }

        StartDrain();
    }

    private bool TryClaimDrain()
    {
        if (!_open || _draining || _items.Count == 0) return false;
        _draining = true;
        return true;
    }

    private void StartDrain()
    {
        if (_dispatch == SerialDispatch.Inline) Drain();
        else ThreadPool.UnsafeQueueUserWorkItem(static q => q.Drain(), this, preferLocal: false);
    }

    private void Drain()
    {
        while (true)
        {
            T next;
            lock (_gate)
            {
                if (!_items.TryDequeue(out next!))
                {
                    _draining = false;
                    return;
                }
            }

            try
            {
                _handle(next);
            }
            catch (Exception ex)
            {
                _onError(next, ex);
            }
        }
    }
}
