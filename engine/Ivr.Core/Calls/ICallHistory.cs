namespace Ivr.Core.Calls;

/// <summary>Reads recorded calls back: for <c>ivr calls</c>, <c>ivr script-from-call</c> and the console.</summary>
public interface ICallHistory
{
    IReadOnlyList<CallSummary> Recent(int count);

    CallSummary? Find(string callId);

    IReadOnlyList<CallEvent> Events(string callId);
}
