using Ivr.Core.Lookups;

namespace Ivr.Runtime.Tests.Support;

/// <summary>
/// A back end the test controls: answers at once with <see cref="Answer"/>, or (with <see cref="Hold"/>)
/// keeps the lookup pending until the test calls <see cref="Complete"/>, or throws. Remembers every call.
/// </summary>
internal sealed class ScriptedLookupService : ILookupService
{
    private TaskCompletionSource<LookupResult>? _pending;

    public List<(string Operation, IReadOnlyDictionary<string, string> Inputs, CancellationToken Cancellation)> Calls { get; } = [];

    public LookupResult Answer { get; set; } = LookupResult.Of(LookupResult.Ok);

    public bool Hold { get; set; }

    public bool Throw { get; set; }

    public ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        Calls.Add((operation, new Dictionary<string, string>(inputs), cancellation));
        if (Throw) throw new InvalidOperationException("the back end is down");
        if (!Hold) return ValueTask.FromResult(Answer);
        _pending = new TaskCompletionSource<LookupResult>();
        return new ValueTask<LookupResult>(_pending.Task);
    }

    /// <summary>Answers the held lookup now, on the calling thread, whether or not it was cancelled.</summary>
    public void Complete(LookupResult result) => (_pending ?? throw new InvalidOperationException("no lookup is pending")).SetResult(result);
}
