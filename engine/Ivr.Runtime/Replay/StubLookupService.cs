using Ivr.Core.Lookups;

namespace Ivr.Runtime.Replay;

/// <summary>
/// Answers lookups as a script says, on the script's clock; operations the script does not stub go
/// to <paramref name="fallback"/> (the real back end), or answer <c>error</c> when there is none.
/// </summary>
public sealed class StubLookupService(IReadOnlyDictionary<string, IReadOnlyList<LookupStub>> stubs, TimeProvider time, ILookupService? fallback) : ILookupService
{
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);

    public ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        if (!stubs.TryGetValue(operation, out var answers) || answers.Count == 0)
            return fallback?.ExecuteAsync(operation, inputs, cancellation) ?? ValueTask.FromResult(LookupResult.Of(LookupResult.Error));

        var n = _calls.GetValueOrDefault(operation);
        _calls[operation] = n + 1;
        var stub = answers[Math.Min(n, answers.Count - 1)];
        var result = new LookupResult(stub.Outcome, stub.Outputs);
        if (stub.Delay <= TimeSpan.Zero) return ValueTask.FromResult(result);
        return new ValueTask<LookupResult>(Delayed(result, stub.Delay, cancellation));
    }

    /// <summary>
    /// The answer after <paramref name="delay"/> on the script's clock, completed on the thread that advances the clock
    /// (or cancels). Not <c>Task.Delay(…, TimeProvider, …)</c>: that one completes its continuations on the thread pool,
    /// where the call's queue would then run the next steps while the replay driver already looks for the next timer.
    /// </summary>
    private Task<LookupResult> Delayed(LookupResult result, TimeSpan delay, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested) return Task.FromCanceled<LookupResult>(cancellation);
        var answer = new TaskCompletionSource<LookupResult>();
        ITimer? timer = null;
        var registration = cancellation.Register(() =>
        {
            timer?.Dispose();
            answer.TrySetCanceled(cancellation);
        });
        timer = time.CreateTimer(_ =>
        {
            registration.Dispose();
            answer.TrySetResult(result);
        }, null, delay, Timeout.InfiniteTimeSpan);
        return answer.Task;
    }
}
