using Ivr.Sip.Message;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Tests.UserAgent;

public sealed class InDialogTests
{
    private readonly EndpointHarness _h = new();
    private readonly string _localTag;

    public InDialogTests()
    {
        _h.Receive(TestMessages.Request("INVITE", body: TestMessages.OfferSdp));
        _localTag = _h.LastResponse.To!.Tag!;
        _h.Receive(TestMessages.Request("ACK", branch: "z9hG4bK-ack", toTag: _localTag));
        _h.Sender.Clear();
    }

    [Fact]
    public void Bye_FromPeer_200AndHandlerToldRemoteHangup()
    {
        _h.Receive(TestMessages.Request("BYE", branch: "z9hG4bK-bye", cseq: 2, toTag: _localTag));

        Assert.Equal([200], _h.Sender.StatusCodes);
        Assert.Equal(["incoming", "confirmed", "ended:RemoteHangup"], _h.Handler.Events);
        Assert.Equal(0, _h.Endpoint.UserAgent.ActiveCalls);
    }

    [Fact]
    public void Bye_RetransmittedAfterCallEnded_AbsorbedWith200()
    {
        var bye = TestMessages.Request("BYE", branch: "z9hG4bK-bye", cseq: 2, toTag: _localTag);
        _h.Receive(bye);
        _h.Receive(bye);

        Assert.Equal([200, 200], _h.Sender.StatusCodes);
        Assert.Single(_h.Handler.Events, e => e.StartsWith("ended"));
    }

    [Fact]
    public void Bye_UnknownDialog_481()
    {
        _h.Receive(TestMessages.Request("BYE", branch: "z9hG4bK-bye", cseq: 2, toTag: "not-ours"));

        Assert.Equal([481], _h.Sender.StatusCodes);
        Assert.Equal(1, _h.Endpoint.UserAgent.ActiveCalls);
    }

    [Fact]
    public void Hangup_Local_SendsByeInDialogAndRetransmitsUntilAnswered()
    {
        var call = _h.Handler.Calls[0];

        call.Hangup();
        _h.Advance(TimeSpan.FromSeconds(0.6));

        var byes = _h.Sender.Requests.Where(r => r.Method == "BYE").ToList();
        Assert.Equal(2, byes.Count);
        var bye = byes[0];
        Assert.Equal(_localTag, bye.From!.Tag);
        Assert.Equal("peer-tag", bye.To!.Tag);
        Assert.Equal("sip:caller@127.0.0.1:5070", bye.RequestUri.ToString());
        Assert.Equal(new CSeqHeader(1, "BYE"), bye.CSeq);
        Assert.Equal(TestMessages.PeerUdp, _h.Sender.Sent.First(s => s.Message is SipRequest).Target);
        Assert.Equal(["incoming", "confirmed", "ended:LocalHangup"], _h.Handler.Events);

        _h.Receive(TestMessages.ResponseTo(bye, 200, toTag: null));
        _h.Sender.Clear();
        _h.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(_h.Sender.Sent);
    }

    [Fact]
    public void Info_InDialog_BodyHandedToHandlerAnd200()
    {
        _h.Receive(TestMessages.Request("INFO", branch: "z9hG4bK-info", cseq: 2, toTag: _localTag,
            body: "Signal=5\r\nDuration=160\r\n", contentType: "application/dtmf-relay"));

        Assert.Equal([200], _h.Sender.StatusCodes);
        var (type, body) = Assert.Single(_h.Handler.Infos);
        Assert.Equal("application/dtmf-relay", type);
        Assert.Equal("Signal=5\r\nDuration=160\r\n"u8.ToArray(), body);
    }

    [Fact]
    public void Options_InDialog_200WithAllow()
    {
        _h.Receive(TestMessages.Request("OPTIONS", branch: "z9hG4bK-o", cseq: 2, toTag: _localTag));

        Assert.Equal(200, _h.LastResponse.StatusCode);
        Assert.Equal(SipRequestScreen.AllowValue, _h.LastResponse.Headers.Get("Allow"));
    }
}
