using Ivr.Core.Channel;
using Ivr.Runtime.Simulation;

namespace Ivr.Runtime.Tests.Support;

/// <summary>A simulated line that fails when asked to record (a bug in a channel part): the fault reaches the call's handler.</summary>
internal sealed class FailingRecordingChannel(SimulatedChannel inner) : ICallChannel
{
    public string? HungUpWith { get; private set; }

    public void Play(PlayRequest request) => inner.Play(request);

    public void StopPlayback() => inner.StopPlayback();

    public void StartRecording(RecordRequest request) => throw new InvalidOperationException("the recorder is broken");

    public void Transfer(TransferRequest request) => inner.Transfer(request);

    public void SendFax(FaxRequest request) => inner.SendFax(request);

    public void Hangup(string cause)
    {
        HungUpWith = cause;
        inner.Hangup(cause);
    }
}
