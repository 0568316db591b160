using Ivr.Sip.Sdp;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Sip.Tests.UserAgent;

public sealed class HandlerFailureTests
{
    [Fact]
    public void OnIncomingCall_Throws_Answered500AndCallForgotten()
    {
        var sender = new RecordingSender();
        var log = new RecordingLog();
        var endpoint = new SipEndpoint(sender, new ThrowingHandler(), new SipLocalAddress("127.0.0.1", 5060, 5060),
            new SipUserAgentOptions(), new FakeTimeProvider(), log);

        endpoint.Receive(Ivr.Sip.Message.SipSerializer.Serialize(TestMessages.Request("INVITE", body: TestMessages.OfferSdp)), TestMessages.PeerUdp);

        Assert.Equal([100, 500], sender.StatusCodes);
        Assert.Equal(0, endpoint.UserAgent.ActiveCalls);
        Assert.Contains(log.Warnings, w => w.Contains("handler failed"));
    }

    [Fact]
    public void Reject_WithNonErrorStatus_Throws()
    {
        var h = new EndpointHarness();
        h.Handler.AutoAnswer = false;
        h.Receive(TestMessages.Request("INVITE"));

        Assert.Throws<ArgumentOutOfRangeException>(() => h.Handler.Calls[0].Reject(200));
    }

    private sealed class ThrowingHandler : ISipCallHandler
    {
        public void OnIncomingCall(SipCall call) => throw new InvalidOperationException("database down");

        public void OnCallConfirmed(SipCall call)
        {
        }

        public SessionDescription? OnReinvite(SipCall call, SessionDescription? offer) => null;

        public void OnInfo(SipCall call, string? contentType, ReadOnlyMemory<byte> body)
        {
        }

        public void OnCallEnded(SipCall call, SipCallEndReason reason)
        {
        }
    }
}
