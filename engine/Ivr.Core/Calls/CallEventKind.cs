namespace Ivr.Core.Calls;

/// <summary>What happened at one step of a call's journey.</summary>
public enum CallEventKind
{
    CallStarted,
    NodeEntered,
    NodeLeft,
    PromptPlayed,
    PlaybackInterrupted,
    DigitsReceived,
    InputRejected,
    LookupStarted,
    LookupCompleted,
    VariableSet,
    RecordingSaved,
    TransferRequested,
    TransferCompleted,
    FlowReturned,
    CallEnded,
    FaxStarted,
    FaxFinished,
}
