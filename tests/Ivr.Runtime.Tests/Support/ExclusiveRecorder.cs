using Ivr.Core.Calls;

namespace Ivr.Runtime.Tests.Support;

/// <summary>Keeps events and notices when two threads append at the same time (the session handled two inputs at once).</summary>
internal sealed class ExclusiveRecorder : ICallRecorder
{
    private readonly object _lock = new();
    private readonly List<CallEvent> _events = [];
    private int _inside;
    private int _overlaps;

    public int Overlaps => Volatile.Read(ref _overlaps);

    public IReadOnlyList<CallEvent> Events
    {
        get
        {
            lock (_lock) return [.. _events];
        }
    }

    public void CallStarted(CallStart start) => Enter(() => { });

    public void Append(CallEvent callEvent) => Enter(() => _events.Add(callEvent));

    public void CallEnded(string callId, DateTimeOffset at, string disposition) => Enter(() => { });

    private void Enter(Action action)
    {
        if (Interlocked.Increment(ref _inside) != 1) Interlocked.Increment(ref _overlaps);
        Thread.SpinWait(200); // widen the window in which a second thread would be caught
        lock (_lock) action();
        Interlocked.Decrement(ref _inside);
    }
}
