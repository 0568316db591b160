using Ivr.Sip.Message;
using Ivr.Sip.Sdp;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Tests.UserAgent;

public sealed class OutboundCallTests
{
    private static readonly SipUri Agent = SipUri.Parse("sip:agent@127.0.0.1:5070").Value!;
    private static readonly NameAddress Ivr = NameAddress.Parse("<sip:12333@127.0.0.1>").Value!;
    private readonly EndpointHarness _h = new();

    [Fact]
    public async Task PlaceCall_RingingThenOk_AcksAndConfirms()
    {
        var call = Place();
        var invite = Assert.Single(_h.Sender.Requests);

        _h.Receive(Reply(invite, 180));
        Assert.Equal(SipOutboundState.Ringing, call.State);
        _h.Receive(Reply(invite, 200, TestMessages.OfferSdp));

        Assert.Equal("application/sdp", invite.ContentType);
        Assert.Equal("sip:agent@127.0.0.1:5070", invite.RequestUri.ToString());
        var ack = _h.Sender.Requests.Last();
        Assert.Equal("ACK", ack.Method);
        Assert.Equal(new CSeqHeader(1, "ACK"), ack.CSeq);
        Assert.Equal("callee", ack.To!.Tag);
        Assert.NotEqual(invite.TopVia!.Branch, ack.TopVia!.Branch);
        Assert.Equal("sip:agent@127.0.0.1:5070", ack.RequestUri.ToString());
        Assert.True(call.Answered.IsCompletedSuccessfully);
        Assert.Equal(200, (await call.Answered).StatusCode);
        Assert.Equal(SipOutboundState.Confirmed, call.State);
        Assert.Equal(30000, call.RemoteSdp!.Media[0].Port);
    }

    [Fact]
    public void PlaceCall_OkRetransmitted_AckSentAgain()
    {
        Place();
        var invite = _h.Sender.Requests.Single();
        var ok = Reply(invite, 200, TestMessages.OfferSdp);

        _h.Receive(ok);
        _h.Receive(ok);

        Assert.Equal(2, _h.Sender.Requests.Count(r => r.Method == "ACK"));
    }

    [Fact]
    public async Task PlaceCall_Busy_OutcomeBusyAndEndedRejected()
    {
        var call = Place();
        var invite = _h.Sender.Requests.Single();

        _h.Receive(Reply(invite, 486));

        Assert.Equal(486, (await call.Answered).StatusCode);
        Assert.Equal(SipCallEndReason.Rejected, await call.Ended);
        Assert.Equal(invite.TopVia!.Branch, _h.Sender.Requests.Last(r => r.Method == "ACK").TopVia!.Branch);
    }

    [Fact]
    public async Task Cancel_AfterRinging_SendsCancelThen487EndsCancelled()
    {
        var call = Place();
        var invite = _h.Sender.Requests.Single();
        call.Cancel();
        Assert.DoesNotContain(_h.Sender.Requests, r => r.Method == "CANCEL");

        _h.Receive(Reply(invite, 180));
        var cancel = _h.Sender.Requests.Single(r => r.Method == "CANCEL");
        _h.Receive(Reply(invite, 487));

        Assert.Equal(invite.TopVia!.Branch, cancel.TopVia!.Branch);
        Assert.Equal(new CSeqHeader(1, "CANCEL"), cancel.CSeq);
        Assert.Equal(487, (await call.Answered).StatusCode);
        Assert.Equal(SipCallEndReason.Cancelled, await call.Ended);
    }

    [Fact]
    public async Task Bye_FromCallee_200AndEndedRemoteHangup()
    {
        var call = Place();
        var invite = _h.Sender.Requests.Single();
        _h.Receive(Reply(invite, 200, TestMessages.OfferSdp));

        _h.Receive(ByeFromCallee(invite));

        Assert.Equal(200, _h.LastResponse.StatusCode);
        Assert.Equal(SipCallEndReason.RemoteHangup, await call.Ended);
    }

    [Fact]
    public async Task Hangup_Confirmed_SendsByeWithNextCSeq()
    {
        var call = Place();
        var invite = _h.Sender.Requests.Single();
        _h.Receive(Reply(invite, 200, TestMessages.OfferSdp));

        call.Hangup();

        var bye = _h.Sender.Requests.Last();
        Assert.Equal("BYE", bye.Method);
        Assert.True(bye.CSeq!.Value.Number > 1);
        Assert.Equal("callee", bye.To!.Tag);
        Assert.Equal(SipCallEndReason.LocalHangup, await call.Ended);
    }

    [Fact]
    public async Task PlaceCall_NoResponse_408AfterTimerB()
    {
        var call = Place();

        _h.Advance(TimeSpan.FromSeconds(32.1));

        Assert.Equal(408, (await call.Answered).StatusCode);
        Assert.Equal(7, _h.Sender.Requests.Count(r => r.Method == "INVITE"));
    }

    private SipOutboundCall Place() =>
        _h.Endpoint.Caller.PlaceCall(Agent, Ivr, SdpOfferAnswer.CreateOffer(TestCallHandler.Media), TestMessages.PeerUdp);

    private static SipResponse Reply(SipRequest invite, int status, string? sdp = null)
    {
        var response = SipResponseFactory.Create(invite, status, toTag: status == 100 ? null : "callee");
        response.Headers.Add("Contact", "<sip:agent@127.0.0.1:5070>");
        if (sdp is not null)
        {
            response.Headers.Add("Content-Type", "application/sdp");
            response.Body = System.Text.Encoding.UTF8.GetBytes(sdp);
        }

        return response;
    }

    private static SipRequest ByeFromCallee(SipRequest invite)
    {
        var bye = new SipRequest("BYE", SipUri.Parse("sip:ivr@127.0.0.1:5060").Value!);
        bye.Headers.Add("Via", "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-callee-bye");
        bye.Headers.Add("Max-Forwards", "70");
        bye.Headers.Add("From", "<sip:agent@127.0.0.1:5070>;tag=callee");
        bye.Headers.Add("To", invite.Headers.Get("From")!);
        bye.Headers.Add("Call-ID", invite.CallId!);
        bye.Headers.Add("CSeq", "1 BYE");
        return bye;
    }
}
