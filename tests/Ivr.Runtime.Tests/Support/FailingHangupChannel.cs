using Ivr.Core.Channel;
using Ivr.Runtime.Simulation;

namespace Ivr.Runtime.Tests.Support;

/// <summary>A simulated line whose hang-up fails (a BYE on a transport that has just closed).</summary>
internal sealed class FailingHangupChannel(SimulatedChannel inner) : ICallChannel
{
    public void Play(PlayRequest request) => inner.Play(request);

    public void StopPlayback() => inner.StopPlayback();

    public void StartRecording(RecordRequest request) => inner.StartRecording(request);

    public void Transfer(TransferRequest request) => inner.Transfer(request);

    public void SendFax(FaxRequest request) => inner.SendFax(request);

    public void Hangup(string cause) => throw new IOException("the transport is closed");
}
