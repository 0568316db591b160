namespace Ivr.Core.Serial;

/// <summary>
/// Runs items one at a time, to completion, in the order posted — the "queued firing mode" of a
/// state machine. An item posted while another runs is queued and run by the thread already
/// draining, so the state the handler touches needs no locks and is never re-entered. A handler's
/// exception is reported to <c>onError</c> and never reaches the poster; the next item still runs.
/// Until <see cref="Open"/> is called (when created closed) items wait: a call's reports made
/// before its handler is attached are kept, in order.
/// <para>
/// Where an idle queue starts draining: on the poster (<see cref="SerialDispatch.Inline"/>), on the thread pool, or on an
/// <see cref="EventLane"/> (a dedicated event thread shared by many queues). On a lane the queue runs one item per turn
/// and then goes to the back of the lane, so a queue with many items delays the lane's other queues by one handler at
/// most. Posting allocates nothing once the queue has grown: the drain's work item is made with the queue.
/// </para>
/// </summary>
public sealed class SerialQueue<T>
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _items;
    private readonly ISerialHandler<T> _handler;
    private readonly SerialDispatch _dispatch;
    private readonly EventLane? _lane;
    private readonly DrainItem? _drain;
    private bool _open;
    private bool _draining;

    public SerialQueue(Action<T> handle, Action<T, Exception> onError, SerialDispatch dispatch, bool open = true)
        : this(new DelegateHandler(handle, onError), dispatch, null, open)
    {
    }

    /// <summary>A queue whose items run on <paramref name="lane"/>'s thread (never on the poster's).</summary>
    public SerialQueue(Action<T> handle, Action<T, Exception> onError, EventLane lane, bool open = true)
        : this(new DelegateHandler(handle, onError), SerialDispatch.ThreadPool, lane ?? throw new ArgumentNullException(nameof(lane)), open)
    {
    }

    /// <summary>A queue whose owner handles its items itself (no delegate pair per queue: a call's queues are part of
    /// every held call's state).</summary>
    /// <param name="capacity">Room for this many items made now, so the first posts do not grow the queue on the posting
    /// thread (a pacing thread posts a call's prompt ends).</param>
    public SerialQueue(ISerialHandler<T> handler, SerialDispatch dispatch, bool open = true, int capacity = 0)
        : this(handler, dispatch, null, open, capacity)
    {
    }

    /// <summary>A queue on <paramref name="lane"/>'s thread whose owner handles its items itself.</summary>
    public SerialQueue(ISerialHandler<T> handler, EventLane lane, bool open = true, int capacity = 0)
        : this(handler, SerialDispatch.ThreadPool, lane ?? throw new ArgumentNullException(nameof(lane)), open, capacity)
    {
    }

    private SerialQueue(ISerialHandler<T> handler, SerialDispatch dispatch, EventLane? lane, bool open, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _items = new Queue<T>(capacity);
        _handler = handler;
        _dispatch = dispatch;
        _lane = lane;
        _open = open;
        if (dispatch != SerialDispatch.Inline) _drain = new DrainItem(this);
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
        if (_lane is { } lane) lane.Post(_drain!);
        else if (_dispatch == SerialDispatch.Inline) Drain();
        else ThreadPool.UnsafeQueueUserWorkItem(_drain!, preferLocal: false);
    }

    private void Drain()
    {
        while (RunOne())
        {
        }
    }

    /// <summary>One turn on a lane: one item, then the queue goes to the back of the lane if more wait.</summary>
    private void Turn()
    {
        if (!RunOne()) return;
        lock (_gate)
        {
            if (_items.Count == 0)
            {
                _draining = false;
                return;
            }
        }

        _lane!.Post(_drain!);
    }

    /// <summary>Runs the next item; false (and the drain released) when there was none.</summary>
    private bool RunOne()
    {
        T next;
        lock (_gate)
        {
            if (!_items.TryDequeue(out next!))
            {
                _draining = false;
                return false;
            }
        }

        try
        {
            _handler.Handle(next);
        }
        catch (Exception ex)
        {
            _handler.Failed(next, ex);
        }

        return true;
    }

    private sealed class DelegateHandler : ISerialHandler<T>
    {
        private readonly Action<T> _handle;
        private readonly Action<T, Exception> _onError;

        public DelegateHandler(Action<T> handle, Action<T, Exception> onError)
        {
            ArgumentNullException.ThrowIfNull(handle);
            ArgumentNullException.ThrowIfNull(onError);
            _handle = handle;
            _onError = onError;
        }

        public void Handle(T item) => _handle(item);

        public void Failed(T item, Exception error) => _onError(item, error);
    }

    /// <summary>The queue's drain as a work item for the pool or a lane, made once with the queue.</summary>
    private sealed class DrainItem(SerialQueue<T> queue) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            if (queue._lane is null) queue.Drain();
            else queue.Turn();
        }
    }
}
