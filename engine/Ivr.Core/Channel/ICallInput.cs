using Ivr.Core.Fax;

namespace Ivr.Core.Channel;

/// <summary>What a call channel reports back to the call's state machine. Calls may come from any
/// thread; the state machine queues them and handles one at a time.</summary>
public interface ICallInput
{
    void Digit(char digit);

    void PlaybackFinished(int playbackId, bool interrupted);

    void RecordingFinished(RecordingResult result);

    void TransferFinished(TransferResult result);

    void FaxFinished(int requestId, FaxResult result);

    void HungUp(string cause);
}
