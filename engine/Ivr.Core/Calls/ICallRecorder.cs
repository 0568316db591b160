namespace Ivr.Core.Calls;

/// <summary>Where a running call writes its journey. Implementations must not block for long:
/// the runtime calls them from the call's event loop.</summary>
public interface ICallRecorder
{
    void CallStarted(CallStart start);

    void Append(CallEvent callEvent);

    void CallEnded(string callId, DateTimeOffset at, string disposition);
}
