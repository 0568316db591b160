using Ivr.Core.Channel;

namespace Ivr.Telephony.Calls;

/// <summary>
/// Hands a call's reports (keys, playback and recording ends, hang-up) to its <see cref="ICallInput"/> one
/// at a time, in order, on the thread pool — never on the pacing, RTP or SIP threads that produced them,
/// since the flow engine runs its next node on the reporting thread. Reports made before
/// <see cref="Attach"/> (the flow may play a prompt while it is being started) wait for it.
/// </summary>
internal sealed class CallInputQueue(Action<string> log)
{
    private readonly object _gate = new();
    private readonly Queue<Action<ICallInput>> _items = new();
    private ICallInput? _target;
    private bool _draining;

    public void Attach(ICallInput target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_gate)
        {
            _target = target;
            StartDrainIfNeeded();
        }
    }

    public void Post(Action<ICallInput> report)
    {
        lock (_gate)
        {
            _items.Enqueue(report);
            StartDrainIfNeeded();
        }
    }

    private void StartDrainIfNeeded()
    {
        if (_target is null || _draining || _items.Count == 0) return;
        _draining = true;
        ThreadPool.UnsafeQueueUserWorkItem(static q => q.Drain(), this, preferLocal: false);
    }

    private void Drain()
    {
        while (true)
        {
            Action<ICallInput> next;
            ICallInput target;
            lock (_gate)
            {
                if (!_items.TryDequeue(out next!))
                {
                    _draining = false;
                    return;
                }

                target = _target!;
            }

            try
            {
                next(target);
            }
            catch (Exception ex)
            {
                log($"call input failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
