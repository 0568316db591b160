namespace Ivr.Runtime.Calls;

internal enum SessionInputKind : byte
{
    Start,
    Digit,
    PlaybackFinished,
    RecordingFinished,
    TransferFinished,
    LookupCompleted,
    Timer,
    HungUp,
}
