using Ivr.OperationsConsole.Server;

namespace Ivr.Host.Serving;

/// <summary>
/// A node's graceful drain (issue 12 item 7). <see cref="Begin"/> (SIGTERM, <c>ivr drain</c>, the console's button)
/// cancels <see cref="Begun"/>, which the parts listen to — SIP answers OPTIONS and new INVITEs with 503, scheduled
/// faxes stop claiming jobs — and <see cref="WaitAsync"/> then waits for the calls in progress (and a fax being sent)
/// to end, up to the drain timeout, logging how many are left. There is no way back: a drained node stops.
/// </summary>
public sealed class ServerDrain(TimeProvider clock, Action<string> log) : IServerDrain, IDisposable
{
    /// <summary>How often the calls still up are counted.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a long drain logs how many calls are still up.</summary>
    public static readonly TimeSpan Progress = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _begun = new();
    private readonly Lock _gate = new();
    private string _reason = "";
    private long _startedAt;

    public bool IsDraining => _begun.IsCancellationRequested;

    /// <summary>Cancelled when the drain begins; a part started later that registers on it is told at once.</summary>
    public CancellationToken Begun => _begun.Token;

    public bool Begin(string reason)
    {
        lock (_gate)
        {
            if (_begun.IsCancellationRequested) return false;
            _reason = reason;
            _startedAt = clock.GetTimestamp();
        }

        log($"drain requested ({reason}): new calls and OPTIONS get 503 from now on");
        _begun.Cancel();
        return true;
    }

    /// <summary>
    /// Waits until <paramref name="callsUp"/> is 0 and <paramref name="busy"/> is false, until <paramref name="timeout"/>
    /// has passed since <see cref="Begin"/>, or until <paramref name="stopNow"/>.
    /// </summary>
    /// <returns>True when every call ended within the timeout; false when calls are still up (the caller then ends them).</returns>
    public async Task<bool> WaitAsync(Func<int> callsUp, Func<bool> busy, TimeSpan timeout, CancellationToken stopNow)
    {
        if (!IsDraining) throw new InvalidOperationException("the drain has not begun");
        log($"draining: {callsUp()} calls up; waiting up to {Describe(timeout)} for them to end ({_reason})");
        var nextProgress = Progress;
        while (callsUp() > 0 || busy())
        {
            var elapsed = clock.GetElapsedTime(_startedAt);
            if (elapsed >= timeout)
            {
                log($"drain timeout ({Describe(timeout)}) passed: {callsUp()} calls still up get a BYE");
                return false;
            }

            if (elapsed >= nextProgress)
            {
                log($"draining: {callsUp()} calls up after {elapsed.TotalSeconds:0} s");
                while (nextProgress <= elapsed) nextProgress += Progress;
            }

            try
            {
                await Task.Delay(Min(Poll, timeout - elapsed), clock, stopNow).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                log($"stop requested while draining: {callsUp()} calls still up get a BYE");
                return false;
            }
        }

        log($"drained in {clock.GetElapsedTime(_startedAt).TotalSeconds:0.0} s");
        return true;
    }

    public void Dispose() => _begun.Dispose();

    /// <summary>90 s, 15 min, 1.5 h.</summary>
    public static string Describe(TimeSpan span) =>
        span.TotalSeconds < 120 ? $"{span.TotalSeconds:0.#} s" : span.TotalMinutes < 120 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalHours:0.#} h";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
