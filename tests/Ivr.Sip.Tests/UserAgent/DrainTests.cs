using Ivr.Sip.Message;
using Ivr.Sip.Sdp;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Tests.UserAgent;

/// <summary>A draining user agent: 503 with Retry-After to OPTIONS and new INVITEs, every in-dialog request and outbound call as before.</summary>
public sealed class DrainTests
{
    private readonly EndpointHarness _h = new(new SipUserAgentOptions { RetryAfterSeconds = 20 });

    [Fact]
    public void Options_BeforeDrain_200_WhileDraining_503WithRetryAfter()
    {
        _h.Receive(TestMessages.Request("OPTIONS", branch: "z9hG4bK-o1"));
        Assert.Equal(200, _h.LastResponse.StatusCode);

        _h.Endpoint.UserAgent.Drain();
        _h.Receive(TestMessages.Request("OPTIONS", branch: "z9hG4bK-o2"));

        Assert.True(_h.Endpoint.UserAgent.Draining);
        Assert.Equal(503, _h.LastResponse.StatusCode);
        Assert.Equal("Draining", _h.LastResponse.ReasonPhrase);
        Assert.Equal("20", _h.LastResponse.Headers.Get("Retry-After"));
    }

    [Fact]
    public void Invite_WhileDraining_503WithRetryAfter_AndTheHandlerNeverSeesIt()
    {
        _h.Endpoint.UserAgent.Drain();

        _h.Receive(TestMessages.Request("INVITE", body: TestMessages.OfferSdp));

        Assert.Equal([100, 503], _h.Sender.StatusCodes);
        Assert.Equal("20", _h.LastResponse.Headers.Get("Retry-After"));
        Assert.Empty(_h.Handler.Calls);
        Assert.Equal(0, _h.Endpoint.UserAgent.ActiveCalls);
    }

    [Fact]
    public void CallInProgress_WhileDraining_ReinviteInfoAndByeServedAsBefore()
    {
        _h.Receive(TestMessages.Request("INVITE", body: TestMessages.OfferSdp));
        var tag = _h.LastResponse.To!.Tag!;
        _h.Receive(TestMessages.Request("ACK", branch: "z9hG4bK-ack", toTag: tag));
        _h.Endpoint.UserAgent.Drain();
        _h.Sender.Clear();

        _h.Receive(TestMessages.Request("INVITE", branch: "z9hG4bK-re", cseq: 2, toTag: tag, body: TestMessages.OfferSdp + "a=sendonly\r\n"));
        _h.Receive(TestMessages.Request("ACK", branch: "z9hG4bK-ack2", cseq: 2, toTag: tag));
        _h.Receive(TestMessages.Request("INFO", branch: "z9hG4bK-info", cseq: 3, toTag: tag, body: "Signal=5\r\nDuration=160\r\n", contentType: "application/dtmf-relay"));
        _h.Receive(TestMessages.Request("BYE", branch: "z9hG4bK-bye", cseq: 4, toTag: tag));

        Assert.Equal([200, 200, 200], _h.Sender.StatusCodes.Where(c => c >= 200));
        Assert.Equal(["incoming", "confirmed", "reinvite-hold", "info", "ended:RemoteHangup"], _h.Handler.Events);
        Assert.Equal(0, _h.Endpoint.UserAgent.ActiveCalls);
    }

    [Fact]
    public void PendingInvite_WhileDraining_CancelStillAnswered487()
    {
        _h.Handler.AutoAnswer = false;
        _h.Receive(TestMessages.Request("INVITE", branch: "z9hG4bK-inv"));
        _h.Handler.Calls[0].Ring();
        _h.Endpoint.UserAgent.Drain();

        _h.Receive(TestMessages.Request("CANCEL", branch: "z9hG4bK-inv"));

        Assert.Equal([100, 180, 200, 487], _h.Sender.StatusCodes);
        Assert.Equal(["incoming", "ended:Cancelled"], _h.Handler.Events);
    }

    [Fact]
    public async Task OutboundCall_WhileDraining_PlacedAnsweredAndAcked()
    {
        _h.Endpoint.UserAgent.Drain();
        var agent = SipUri.Parse("sip:agent@127.0.0.1:5070").Value!;

        var call = _h.Endpoint.Caller.PlaceCall(agent, NameAddress.Parse("<sip:12333@127.0.0.1>").Value!,
            SdpOfferAnswer.CreateOffer(TestCallHandler.Media), TestMessages.PeerUdp);
        var invite = Assert.Single(_h.Sender.Requests);
        var ok = SipResponseFactory.Create(invite, 200, toTag: "callee");
        ok.Headers.Add("Contact", "<sip:agent@127.0.0.1:5070>");
        ok.Headers.Add("Content-Type", "application/sdp");
        ok.Body = System.Text.Encoding.ASCII.GetBytes(TestMessages.OfferSdp);
        _h.Receive(ok);

        Assert.Equal(200, (await call.Answered.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode);
        Assert.Equal("ACK", _h.Sender.Requests.Last().Method);
    }
}
