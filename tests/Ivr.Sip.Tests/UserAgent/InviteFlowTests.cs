using System.Net;
using Ivr.Sip.Message;
using Ivr.Sip.Sdp;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Transport;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Tests.UserAgent;

public sealed class InviteFlowTests
{
    private readonly EndpointHarness _h = new();

    [Fact]
    public void Invite_WithPcmuOffer_Sends100Then180Then200WithSdpAnswer()
    {
        _h.Receive(TestMessages.Request("INVITE", body: TestMessages.OfferSdp));

        Assert.Equal([100, 180, 200], _h.Sender.StatusCodes);
        var ok = _h.LastResponse;
        Assert.Equal("application/sdp", ok.ContentType);
        Assert.NotNull(ok.To!.Tag);
        Assert.Equal(ok.To.Tag, _h.Sender.Responses.ElementAt(1).To!.Tag);
        Assert.Contains("INVITE", ok.Headers.Get("Allow"));
        Assert.Equal("sip:ivr@127.0.0.1:5060", NameAddress.Parse(ok.Headers.Get("Contact")!).Value!.Uri.ToString());
        var answer = SessionDescription.Parse(ok.Body).Value!;
        Assert.Equal(["0", "101"], answer.Media[0].Formats);
        Assert.Equal(SipCallState.Answered, _h.Handler.Calls[0].State);
    }

    [Fact]
    public void Ack_AfterOk_ConfirmsCallAndStopsRetransmission()
    {
        var ok = Answer();

        _h.Receive(Ack(ok));
        _h.Sender.Clear();
        _h.Advance(TimeSpan.FromSeconds(40));

        Assert.Empty(_h.Sender.Sent);
        Assert.Equal(["incoming", "confirmed"], _h.Handler.Events);
        Assert.Equal(SipCallState.Confirmed, _h.Handler.Calls[0].State);
    }

    [Fact]
    public void Ok_WithoutAck_RetransmittedT1DoublingToT2ThenByeAfter64T1()
    {
        Answer();
        _h.Sender.Clear();

        var times = new List<double>();
        for (var ms = 100; ms <= 33000; ms += 100)
        {
            var before = _h.Sender.Count;
            _h.Time.Advance(TimeSpan.FromMilliseconds(100));
            times.AddRange(Enumerable.Repeat(ms / 1000.0, _h.Sender.Count - before));
        }

        var okTimes = _h.Sender.Sent.Select((s, i) => (s.Message, Time: times[i]))
            .Where(s => s.Message is SipResponse).Select(s => s.Time).ToList();
        Assert.Equal([0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], okTimes);
        var bye = Assert.Single(_h.Sender.Requests.Where(r => r.Method == "BYE").DistinctBy(r => r.TopVia!.Branch));
        Assert.Equal("peer-tag", bye.To!.Tag);
        Assert.Equal(["incoming", "ended:AckTimeout"], _h.Handler.Events);
    }

    [Fact]
    public void Hangup_BeforeAck_EndsNowButByeWaitsForAck()
    {
        var ok = Answer();

        _h.Handler.Calls[0].Hangup();
        _h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["incoming", "ended:LocalHangup"], _h.Handler.Events);
        Assert.DoesNotContain(_h.Sender.Requests, r => r.Method == "BYE");
        Assert.Equal(2, _h.Sender.Responses.Count(r => r.StatusCode == 200));

        _h.Receive(Ack(ok));

        var bye = Assert.Single(_h.Sender.Requests);
        Assert.Equal("BYE", bye.Method);
        Assert.Equal(0, _h.Endpoint.UserAgent.ActiveCalls);
        Assert.Equal(["incoming", "ended:LocalHangup"], _h.Handler.Events);
    }

    [Fact]
    public void Invite_HandlerNeverDecides_480AfterAnswerTimeout()
    {
        var h = new EndpointHarness(new SipUserAgentOptions { AnswerTimeout = TimeSpan.FromSeconds(10) });
        h.Handler.AutoAnswer = false;
        h.Receive(TestMessages.Request("INVITE", body: TestMessages.OfferSdp));

        h.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal([100], h.Sender.StatusCodes);
        h.Advance(TimeSpan.FromSeconds(0.2));

        Assert.Equal(480, h.LastResponse.StatusCode);
        Assert.Equal(["incoming", "ended:AnswerTimeout"], h.Handler.Events);
        Assert.Equal(0, h.Endpoint.UserAgent.ActiveCalls);
    }

    [Fact]
    public void Invite_Answered_AnswerTimeoutDoesNotFire()
    {
        var ok = Answer();
        _h.Receive(Ack(ok));

        _h.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(SipCallState.Confirmed, _h.Handler.Calls[0].State);
        Assert.DoesNotContain(480, _h.Sender.StatusCodes);
    }

    [Fact]
    public void Invite_Retransmitted_AbsorbedWithoutSecondCall()
    {
        var invite = TestMessages.Request("INVITE", body: TestMessages.OfferSdp);
        _h.Handler.AutoAnswer = false;
        _h.Receive(invite);
        _h.Receive(invite);

        Assert.Single(_h.Handler.Calls);
        Assert.Equal([100, 100], _h.Sender.StatusCodes);
    }

    [Fact]
    public void Invite_WithoutSdp_AnsweredWithOfferAndAckAnswerRecorded()
    {
        _h.Receive(TestMessages.Request("INVITE"));
        var ok = _h.LastResponse;
        var offer = SessionDescription.Parse(ok.Body).Value!;
        var answer = SdpOfferAnswer.Answer(offer, new SdpLocalMedia(IPAddress.Loopback, 31000)).Answer!;

        _h.Receive(Ack(ok, answer.ToString()));

        Assert.Equal(["0", "8", "101"], offer.Media[0].Formats);
        Assert.Equal(31000, _h.Handler.Calls[0].RemoteSdp!.Media[0].Port);
        Assert.Equal(SipCallState.Confirmed, _h.Handler.Calls[0].State);
    }

    [Fact]
    public void Invite_NoCommonCodec_HandlerRejects488()
    {
        var g729 = TestMessages.OfferSdp.Replace("RTP/AVP 0 8 101", "RTP/AVP 18");

        _h.Receive(TestMessages.Request("INVITE", body: g729));

        Assert.Equal([100, 180, 488], _h.Sender.StatusCodes);
        Assert.Equal(["incoming", "ended:Rejected"], _h.Handler.Events);
    }

    [Fact]
    public void Invite_MalformedSdp_400()
    {
        _h.Receive(TestMessages.Request("INVITE", body: "v=0\r\nnonsense\r\n"));

        Assert.Equal([100, 400], _h.Sender.StatusCodes);
        Assert.Empty(_h.Handler.Calls);
    }

    [Fact]
    public void Invite_OverMaxCalls_503WithRetryAfter()
    {
        var h = new EndpointHarness(new SipUserAgentOptions { MaxCalls = 1, RetryAfterSeconds = 20 });
        h.Handler.AutoAnswer = false;
        h.Receive(TestMessages.Request("INVITE", callId: "a"));

        h.Receive(TestMessages.Request("INVITE", callId: "b", branch: "z9hG4bK-2"));

        Assert.Equal(503, h.LastResponse.StatusCode);
        Assert.Equal("20", h.LastResponse.Headers.Get("Retry-After"));
        Assert.Single(h.Handler.Calls);
    }

    [Fact]
    public void Invite_ZeroMaxForwards_483()
    {
        var invite = TestMessages.Request("INVITE");
        invite.Headers.Set("Max-Forwards", "0");

        _h.Receive(invite);

        Assert.Equal(483, _h.LastResponse.StatusCode);
        Assert.Empty(_h.Handler.Calls);
    }

    [Fact]
    public void Invite_FromUntrustedSource_403AndNoCall()
    {
        var stranger = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("203.0.113.9"), 5060));

        _h.Receive(TestMessages.Request("INVITE", body: TestMessages.OfferSdp), stranger);

        Assert.Equal([403], _h.Sender.StatusCodes);
        Assert.Equal(stranger, _h.Sender.Sent[0].Target);
        Assert.Empty(_h.Handler.Calls);
    }

    [Fact]
    public void Cancel_BeforeAnswer_200ForCancelAnd487ForInvite()
    {
        _h.Handler.AutoAnswer = false;
        _h.Receive(TestMessages.Request("INVITE", branch: "z9hG4bK-inv"));
        _h.Handler.Calls[0].Ring();

        _h.Receive(TestMessages.Request("CANCEL", branch: "z9hG4bK-inv"));

        Assert.Equal([100, 180, 200, 487], _h.Sender.StatusCodes);
        var cancelOk = _h.Sender.Responses.ElementAt(2);
        Assert.Equal("CANCEL", cancelOk.CSeq!.Value.Method);
        Assert.Equal("INVITE", _h.LastResponse.CSeq!.Value.Method);
        Assert.Equal(["incoming", "ended:Cancelled"], _h.Handler.Events);
        _h.Handler.Calls[0].Answer(SdpOfferAnswer.CreateOffer(TestCallHandler.Media));
        Assert.Equal(4, _h.Sender.Responses.Count());
    }

    [Fact]
    public void Cancel_UnknownTransaction_481()
    {
        _h.Receive(TestMessages.Request("CANCEL", branch: "z9hG4bK-none"));

        Assert.Equal([481], _h.Sender.StatusCodes);
    }

    [Fact]
    public void Reinvite_HoldOffer_HandedToHandlerAndAnswered200()
    {
        var ok = Answer();
        _h.Receive(Ack(ok));
        var hold = TestMessages.OfferSdp + "a=sendonly\r\n";

        _h.Receive(TestMessages.Request("INVITE", branch: "z9hG4bK-re", cseq: 2, toTag: ok.To!.Tag, body: hold));

        Assert.Equal(200, _h.LastResponse.StatusCode);
        Assert.Equal(SdpDirection.RecvOnly, SessionDescription.Parse(_h.LastResponse.Body).Value!.Media[0].Direction);
        Assert.Contains("reinvite-hold", _h.Handler.Events);
        Assert.True(SdpOfferAnswer.IsHold(_h.Handler.Calls[0].RemoteSdp!));
    }

    [Fact]
    public void Reinvite_HandlerRefuses_488()
    {
        var ok = Answer();
        _h.Receive(Ack(ok));
        _h.Handler.Reinvite = _ => null;

        _h.Receive(TestMessages.Request("INVITE", branch: "z9hG4bK-re", cseq: 2, toTag: ok.To!.Tag, body: TestMessages.OfferSdp));

        Assert.Equal(488, _h.LastResponse.StatusCode);
        Assert.Equal(SipCallState.Confirmed, _h.Handler.Calls[0].State);
    }

    [Fact]
    public void Reinvite_LowerCSeq_500()
    {
        var ok = Answer();
        _h.Receive(Ack(ok));
        _h.Receive(TestMessages.Request("INFO", branch: "z9hG4bK-i", cseq: 5, toTag: ok.To!.Tag));

        _h.Receive(TestMessages.Request("INVITE", branch: "z9hG4bK-re", cseq: 3, toTag: ok.To!.Tag));

        Assert.Equal(500, _h.LastResponse.StatusCode);
    }

    [Fact]
    public void InviteHeaders_ReadWhenTheCallArrives_LetGoWithTheFinalResponse()
    {
        _h.Handler.AutoAnswer = false;
        _h.Receive(TestMessages.Request("INVITE", body: TestMessages.OfferSdp, extraHeaders: "Subject: pension"));
        var call = _h.Handler.Calls[0];

        Assert.Equal("pension", call.InviteHeader("Subject"));
        call.Answer(SdpOfferAnswer.Answer(call.RemoteOffer!, TestCallHandler.Media).Answer!);

        Assert.Equal(200, _h.LastResponse.StatusCode);
        var error = Assert.Throws<InvalidOperationException>(() => call.InviteHeader("Subject"));
        Assert.Contains("read when the call arrives", error.Message);
        Assert.Equal("sip:ivr@127.0.0.1:5060", call.RequestUri.ToString()); // kept for the call's length
    }

    private SipResponse Answer()
    {
        _h.Receive(TestMessages.Request("INVITE", body: TestMessages.OfferSdp));
        return _h.LastResponse;
    }

    private static SipRequest Ack(SipResponse ok, string? body = null) =>
        TestMessages.Request("ACK", branch: "z9hG4bK-ack", toTag: ok.To!.Tag, body: body);
}
