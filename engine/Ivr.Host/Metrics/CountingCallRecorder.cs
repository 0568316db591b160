using Ivr.Core.Calls;

namespace Ivr.Host.Metrics;

/// <summary>A decorator on the call recorder that passes everything on and counts each call's end by disposition.</summary>
public sealed class CountingCallRecorder(ICallRecorder inner, IvrMetrics metrics) : ICallRecorder
{
    public void CallStarted(CallStart start) => inner.CallStarted(start);

    public void Append(CallEvent callEvent) => inner.Append(callEvent);

    public void CallEnded(string callId, DateTimeOffset at, string disposition)
    {
        inner.CallEnded(callId, at, disposition);
        metrics.CallEnded(disposition);
    }
}
