namespace Ivr.OperationsConsole.TryCalls;

/// <summary>A try-call's events in order, and a wait for the next one (what the event stream follows).</summary>
internal sealed class TryCallFeed
{
    private readonly List<TryCallEvent> _events = [];
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(string type, DateTimeOffset at, string? node = null, string? detail = null, IReadOnlyList<TryCallPrompt>? prompts = null)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _events.Add(new TryCallEvent(_events.Count, type, at, node, detail, prompts));
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>The events from <paramref name="from"/> on, and a task that completes when more arrive.</summary>
    public (IReadOnlyList<TryCallEvent> Events, Task More) Since(int from)
    {
        lock (_gate) return (_events.Skip(Math.Max(0, from)).ToList(), _changed.Task);
    }
}
