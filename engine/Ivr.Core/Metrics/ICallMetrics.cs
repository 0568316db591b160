namespace Ivr.Core.Metrics;

/// <summary>
/// The figures only the telephone side can time, told as they happen: how long a call took to answer and how long a
/// caller waited after a key for the next prompt. The host implements it (Prometheus); everything else uses
/// <see cref="NullCallMetrics"/>. Implementations are cheap and thread-safe, never block and never see a caller's
/// number, ID or Call-ID — only durations.
/// </summary>
public interface ICallMetrics
{
    /// <summary>An inbound INVITE was answered with 200 OK <paramref name="setup"/> after it arrived.</summary>
    void CallAnswered(TimeSpan setup);

    /// <summary>The next prompt after a key was queued for playout <paramref name="latency"/> after the key arrived.</summary>
    void KeyToPrompt(TimeSpan latency);
}
