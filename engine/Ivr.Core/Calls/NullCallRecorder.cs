namespace Ivr.Core.Calls;

/// <summary>Records nothing: for benchmarks and tests that do not look at events.</summary>
public sealed class NullCallRecorder : ICallRecorder
{
    public static readonly NullCallRecorder Instance = new();

    public void CallStarted(CallStart start) { }

    public void Append(CallEvent callEvent) { }

    public void CallEnded(string callId, DateTimeOffset at, string disposition) { }
}
