using Ivr.Sip.Message;
using Ivr.Sip.Refer;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Tests.Refer;

/// <summary>The REFER state machine (RFC 3515) on a fake clock: what goes out and how the outcome is decided.</summary>
public sealed class ReferTests
{
    private static readonly SipUri Agents = SipUri.Parse("sip:agents-general@127.0.0.1:5090").Value!;
    private readonly EndpointHarness _h = new();
    private readonly string _localTag;
    private readonly SipCall _call;
    private uint _peerCSeq = 1;

    public ReferTests()
    {
        _h.Receive(TestMessages.Request("INVITE", body: TestMessages.OfferSdp));
        _localTag = _h.LastResponse.To!.Tag!;
        _h.Receive(TestMessages.Request("ACK", branch: "z9hG4bK-ack", toTag: _localTag));
        _call = _h.Handler.Calls[0];
        _h.Sender.Clear();
    }

    [Fact]
    public void Refer_Confirmed_SendsReferInDialogWithContextHeaders()
    {
        _call.Refer(Agents, [new SipHeader("X-Ivr-Path", "main>pension"), new SipHeader("X-Ivr-Identity", "1101**********1234")]);

        var refer = Assert.Single(_h.Sender.Requests);
        Assert.Equal("REFER", refer.Method);
        Assert.Equal("sip:caller@127.0.0.1:5070", refer.RequestUri.ToString());
        Assert.Equal(_localTag, refer.From!.Tag);
        Assert.Equal("peer-tag", refer.To!.Tag);
        Assert.Equal("call-1", refer.CallId);
        Assert.Equal("<sip:agents-general@127.0.0.1:5090>", refer.Headers.Get("Refer-To"));
        Assert.Equal("<sip:12333@127.0.0.1>", refer.Headers.Get("Referred-By"));
        Assert.Equal("main>pension", refer.Headers.Get("X-Ivr-Path"));
        Assert.Equal("1101**********1234", refer.Headers.Get("X-Ivr-Identity"));
        Assert.Equal(TestMessages.PeerUdp, _h.Sender.Sent[0].Target);
    }

    [Fact]
    public async Task Refer_202ThenNotify200_SucceedsAndNotifiesAnswered200()
    {
        var outcome = _call.Refer(Agents);
        Accept();

        Notify("SIP/2.0 100 Trying", "active;expires=60");
        Assert.False(outcome.IsCompleted);
        Notify("SIP/2.0 200 OK", "terminated;reason=noresource");

        Assert.Equal(new SipReferOutcome(SipReferResult.Answered, 200), await outcome);
        Assert.Equal([200, 200], _h.Sender.StatusCodes);
        Assert.Equal(SipCallState.Confirmed, _call.State); // the transferor's BYE is the caller's decision
    }

    [Fact]
    public async Task Refer_Notify486_FailsBusy()
    {
        var outcome = _call.Refer(Agents);
        Accept();
        Notify("SIP/2.0 486 Busy Here", "terminated;reason=noresource");

        Assert.Equal(new SipReferOutcome(SipReferResult.Busy, 486), await outcome);
    }

    [Fact]
    public async Task Refer_NotifyBeforeThe202_StillCounts()
    {
        var outcome = _call.Refer(Agents);
        Notify("SIP/2.0 480 Temporarily Unavailable", "terminated");
        Accept();

        Assert.Equal(new SipReferOutcome(SipReferResult.NoAnswer, 480), await outcome);
    }

    [Theory]
    [InlineData(405, SipReferResult.NotSupported)]
    [InlineData(501, SipReferResult.NotSupported)]
    [InlineData(403, SipReferResult.Rejected)]
    [InlineData(503, SipReferResult.Rejected)]
    public async Task Refer_RefusedWithStatus_Fails(int status, SipReferResult result)
    {
        var outcome = _call.Refer(Agents);
        _h.Receive(TestMessages.ResponseTo(_h.Sender.Requests.Single(), status, toTag: "peer-tag"));

        Assert.Equal(new SipReferOutcome(result, status) { ReferRefused = true }, await outcome);
    }

    [Fact]
    public async Task Refer_AcceptedButNoFinalNotify_TimesOutAfterTimeout()
    {
        var outcome = _call.Refer(Agents, timeout: TimeSpan.FromSeconds(30));
        Accept();
        Notify("SIP/2.0 100 Trying", "active");

        _h.Advance(TimeSpan.FromSeconds(29.5));
        Assert.False(outcome.IsCompleted);
        _h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new SipReferOutcome(SipReferResult.Timeout), await outcome);
    }

    [Fact]
    public async Task Refer_TerminatedWithoutFinalStatus_FailsRejected()
    {
        var outcome = _call.Refer(Agents);
        Accept();
        Notify("SIP/2.0 100 Trying", "terminated;reason=rejected");

        Assert.Equal(new SipReferOutcome(SipReferResult.Rejected, 100), await outcome);
    }

    [Fact]
    public async Task Refer_CallerHangsUpWhilePending_FailsCallEnded()
    {
        var outcome = _call.Refer(Agents);
        Accept();
        _h.Receive(TestMessages.Request("BYE", branch: "z9hG4bK-bye", cseq: ++_peerCSeq, toTag: _localTag));

        Assert.Equal(new SipReferOutcome(SipReferResult.CallEnded), await outcome);
    }

    [Fact]
    public async Task Refer_SecondWhilePending_FailsInProgressFirstContinues()
    {
        var first = _call.Refer(Agents);
        var second = _call.Refer(Agents);

        Assert.Equal(new SipReferOutcome(SipReferResult.InProgress), await second);
        Assert.False(first.IsCompleted);
        Assert.Single(_h.Sender.Requests, r => r.Method == "REFER");
    }

    [Fact]
    public void Notify_OtherEvent_481()
    {
        _call.Refer(Agents);
        _h.Sender.Clear();
        _h.Receive(TestMessages.Request("NOTIFY", branch: "z9hG4bK-n", cseq: ++_peerCSeq, toTag: _localTag,
            body: "SIP/2.0 200 OK\r\n", contentType: "message/sipfrag", extraHeaders: ["Event: presence", "Subscription-State: active"]));

        Assert.Equal([481], _h.Sender.StatusCodes);
    }

    [Fact]
    public void Notify_NoReferMade_481()
    {
        Notify("SIP/2.0 200 OK", "terminated");

        Assert.Equal([481], _h.Sender.StatusCodes);
    }

    [Fact]
    public void Refer_BadExtraHeader_ThrowsClearError()
    {
        Action refer = () => _call.Refer(Agents, [new SipHeader("X-Ivr-Path", "a\r\nBYE: x")]);
        var error = Assert.Throws<ArgumentException>(refer);

        Assert.Contains("X-Ivr-Path", error.Message);
        Assert.Empty(_h.Sender.Requests);
    }

    private void Accept()
    {
        var refer = _h.Sender.Requests.Single(r => r.Method == "REFER");
        _h.Receive(TestMessages.ResponseTo(refer, 202, toTag: "peer-tag"));
    }

    private void Notify(string sipfrag, string subscriptionState) =>
        _h.Receive(TestMessages.Request("NOTIFY", branch: $"z9hG4bK-n{_peerCSeq}", cseq: ++_peerCSeq, toTag: _localTag,
            body: sipfrag + "\r\n", contentType: "message/sipfrag", extraHeaders: ["Event: refer", $"Subscription-State: {subscriptionState}"]));
}
