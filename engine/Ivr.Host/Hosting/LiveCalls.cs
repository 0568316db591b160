using System.Collections.Concurrent;
using Ivr.OperationsConsole.Live;
using Ivr.Core.Calls;
using Ivr.Core.Privacy;

namespace Ivr.Host.Hosting;

/// <summary>
/// The calls in progress, kept from the calls' own events: a decorator on the call recorder that passes
/// everything on and notes each call's start (caller masked at once, never kept in clear), the node it
/// enters and its end. Cheap on the call's thread: a node entered is one reference written into the call's entry and a
/// version bump, nothing allocated; the console's <see cref="LiveCall"/> records are made when it asks
/// (<see cref="Snapshot"/>). Until session 17 every node entered made the call a new record, and one more flow name
/// when the node was in a subflow: 13 % and 9 % of what a 1,000-call hold allocated (issue 13).
/// </summary>
public sealed class LiveCalls(ICallRecorder inner) : ICallRecorder, ILiveCalls
{
    private readonly ConcurrentDictionary<string, Entry> _calls = new(StringComparer.Ordinal);
    private readonly object _changeGate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _awaited; // someone holds _changed.Task: the next change completes it and makes another
    private long _version;

    public int Count => _calls.Count;

    public void CallStarted(CallStart start)
    {
        inner.CallStarted(start);
        _calls[start.CallId] = new Entry(new LiveCall(start.CallId, Mask.Phone(start.Caller), start.Dialled, start.Flow, null, start.FlowVersion, start.At));
        Changed();
    }

    public void Append(CallEvent callEvent)
    {
        inner.Append(callEvent);
        if (callEvent.Kind != CallEventKind.NodeEntered || callEvent.Node is not { } node) return;
        if (!_calls.TryGetValue(callEvent.CallId, out var call)) return;
        call.Entered(node);
        Changed();
    }

    public void CallEnded(string callId, DateTimeOffset at, string disposition)
    {
        inner.CallEnded(callId, at, disposition);
        if (_calls.TryRemove(callId, out _)) Changed();
    }

    public LiveSnapshot Snapshot()
    {
        var version = Interlocked.Read(ref _version);
        return new LiveSnapshot(version, _calls.Values.Select(e => e.Now()).OrderBy(c => c.StartedAt).ThenBy(c => c.CallId, StringComparer.Ordinal).ToList());
    }

    public Task WaitForChangeAsync(long version, CancellationToken cancellation)
    {
        Task changed;
        lock (_changeGate)
        {
            if (Interlocked.Read(ref _version) > version) return Task.CompletedTask;
            changed = _changed.Task;
            _awaited = true;
        }

        return changed.WaitAsync(cancellation);
    }

    /// <summary>A new version; the waiters, if any, are woken (a change nobody waits for allocates nothing: a held call's
    /// nodes change all the time, the console's live page looks now and then, issue 13).</summary>
    private void Changed()
    {
        TaskCompletionSource done;
        lock (_changeGate)
        {
            Interlocked.Increment(ref _version);
            if (!_awaited) return;
            done = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaited = false;
        }

        done.TrySetResult();
    }

    /// <summary>One call: what its start said, and the node it entered last (written by the call's thread, read by the console's).</summary>
    private sealed class Entry(LiveCall started)
    {
        private volatile string? _node;

        public void Entered(string node) => _node = node;

        /// <summary>The call as the console shows it now: the flow is the node's (<c>flow.node</c>), the call's own until the first node.</summary>
        public LiveCall Now()
        {
            if (_node is not { } node) return started;
            var dot = node.IndexOf('.');
            var flow = dot <= 0 || node.AsSpan(0, dot).SequenceEqual(started.Flow) ? started.Flow : node[..dot];
            return started with { Node = node, Flow = flow };
        }
    }
}
