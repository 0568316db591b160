namespace Ivr.Runtime.Calls;

internal enum SessionInputKind : byte
{
    Start,
    Digit,
    PlaybackFinished,
    RecordingFinished,
    TransferFinished,
    FaxFinished,
    LookupCompleted,
    Timer,
    HungUp,
}
