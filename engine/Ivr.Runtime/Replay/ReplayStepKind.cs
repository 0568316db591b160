namespace Ivr.Runtime.Replay;

public enum ReplayStepKind
{
    Expect,
    ExpectSay,
    Press,
    Wait,
    ExpectNode,
    ExpectVariable,
    ExpectTransfer,
    ExpectRecording,
    Record,
    Hangup,
    ExpectHangup,
    ExpectFax,
}
