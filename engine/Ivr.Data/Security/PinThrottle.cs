namespace Ivr.Data.Security;

/// <summary>Applies <see cref="PinThrottleRules"/> to one intended check, reading <c>pin_attempts</c>
/// on the injected clock. Run it inside the write transaction that then records the attempt, so
/// concurrent checks from one caller cannot overtake the count.</summary>
public sealed class PinThrottle(PinThrottleRules rules, TimeProvider time)
{
    public PinThrottleRules Rules { get; } = rules ?? throw new ArgumentNullException(nameof(rules));

    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    public async Task<PinThrottleVerdict> CheckAsync(PinAttemptStore attempts, string callerKey, string callId, string subjectKey, CancellationToken cancellation)
    {
        var since = _time.GetUtcNow() - Rules.CallerWindow;
        if (await attempts.CountFailuresOfCallerSinceAsync(callerKey, since, cancellation).ConfigureAwait(false) >= Rules.FailuresPerCaller)
            return PinThrottleVerdict.CallerLimit;
        var tried = await attempts.SubjectKeysOfCallAsync(callId, cancellation).ConfigureAwait(false);
        return tried.Contains(subjectKey) || tried.Count < Rules.IdsPerCall ? PinThrottleVerdict.Allowed : PinThrottleVerdict.CallLimit;
    }
}
