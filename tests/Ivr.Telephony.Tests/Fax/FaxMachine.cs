using Ivr.Fax;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Tests.Fax;

/// <summary>
/// A receiving fax machine built on spandsp, on the far side of a real SIP call: either it dials (through our
/// <see cref="OutboundDialer"/>, as a caller pressing 接收 on the machine would) or it answers (a channel of our
/// telephony server lent to it). Pages go into <see cref="ReceivedPath"/>.
/// </summary>
public sealed class FaxMachine : IDisposable
{
    private readonly TaskCompletionSource<FaxSessionResult> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FaxMachine()
    {
        ReceivedPath = Path.Combine(FaxDocuments.NewFolder(), "received.tif");
        Receiver = new FaxReceiver(ReceivedPath, new FaxSessionOptions { LocalIdent = "010 8888 6666" }, r => _finished.TrySetResult(r));
    }

    public string ReceivedPath { get; }

    public FaxReceiver Receiver { get; }

    public Task<FaxSessionResult> Finished => _finished.Task;

    /// <summary>Dials <paramref name="uri"/> and runs the receiver on the call until it ends; returns the call and its end.</summary>
    public async Task<(OutboundCall Call, Task Pacing)> DialAsync(OutboundDialer dialer, string uri)
    {
        var result = await dialer.DialAsync(uri, new OutboundCallOptions { Audio = Receiver.Receive });
        Assert.Equal(OutboundOutcome.Answered, result.Outcome);
        var call = result.Call!;
        call.Generator = Receiver.Transmit; // paced by the dialer's playout scheduler until the call ends
        return (call, call.Completion);
    }

    /// <summary>Takes over an answered channel's media: its audio out comes from the receiver, its audio in goes to it.</summary>
    public void Answer(SipCallChannel channel)
    {
        channel.Inbound.KeyDetection = false;
        channel.Inbound.AudioTap = Receiver.Receive;
        channel.Outbound.Generator = Receiver.Transmit;
    }

    public void Dispose() => Receiver.Dispose();
}
