namespace Ivr.Runtime.Simulation;

/// <summary>Keeps a call's events in memory: for replay checks, coverage and tests.</summary>
public sealed class MemoryCallRecorder : ICallRecorder
{
    public List<CallEvent> Events { get; } = new(128);

    public CallStart? Start { get; private set; }

    public string? Disposition { get; private set; }

    public void CallStarted(CallStart start) => Start = start;

    public void Append(CallEvent callEvent) => Events.Add(callEvent);

    public void CallEnded(string callId, DateTimeOffset at, string disposition) => Disposition = disposition;
}
