using Ivr.Core.Calls;
using Ivr.Flows.Model;
using Ivr.Runtime.Simulation;

namespace Ivr.OperationsConsole.TryCalls;

/// <summary>Keeps a try-call's events (for its replay script) and tells the browser each node entered and the call's end.</summary>
internal sealed class TryCallRecorder(TryCallFeed feed) : ICallRecorder
{
    private readonly object _gate = new();

    public MemoryCallRecorder Memory { get; } = new();

    public void CallStarted(CallStart start)
    {
        lock (_gate) Memory.CallStarted(start);
    }

    public void Append(CallEvent callEvent)
    {
        lock (_gate) Memory.Append(callEvent);
        if (callEvent.Kind == CallEventKind.NodeEntered) feed.Add("node", callEvent.At, node: callEvent.Node);
        else if (callEvent.Kind == CallEventKind.CallEnded) feed.Add("ended", callEvent.At, node: callEvent.Node, detail: callEvent.Outcome);
    }

    public void CallEnded(string callId, DateTimeOffset at, string disposition)
    {
        lock (_gate) Memory.CallEnded(callId, at, disposition);
    }

    /// <summary>A copy of the events so far, safe to read while the call goes on.</summary>
    public IReadOnlyList<CallEvent> Events()
    {
        lock (_gate) return Memory.Events.ToList();
    }
}
