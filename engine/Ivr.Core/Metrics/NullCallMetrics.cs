namespace Ivr.Core.Metrics;

/// <summary>Measures nothing: the default wherever no metrics are served (tests, replays, tools).</summary>
public sealed class NullCallMetrics : ICallMetrics
{
    public static readonly NullCallMetrics Instance = new();

    private NullCallMetrics()
    {
    }

    public void CallAnswered(TimeSpan setup)
    {
    }

    public void KeyToPrompt(TimeSpan latency)
    {
    }
}
