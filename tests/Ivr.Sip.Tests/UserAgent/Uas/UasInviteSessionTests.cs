using Ivr.Sip.Message;
using Ivr.Sip.Refer;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.UserAgent;
using Ivr.Sip.UserAgent.Uas;

namespace Ivr.Sip.Tests.UserAgent.Uas;

/// <summary>The inbound INVITE session's state transitions, on a fake clock, without sockets or the message pipeline.</summary>
public sealed class UasInviteSessionTests
{
    private static readonly SipUri Agents = SipUri.Parse("sip:agents@127.0.0.1:5090").Value!;

    [Fact]
    public void Ring_Incoming_Sends180Once()
    {
        var f = new UasSessionFixture().Started();

        f.Session.Ring();
        f.Session.Ring();

        Assert.Equal(["180 INVITE"], f.Wire);
        Assert.Equal(UasInviteState.Ringing, f.Session.State);
    }

    [Fact]
    public void Answer_Ringing_200AndAnsweredUntilTheAck()
    {
        var f = new UasSessionFixture().Started();

        f.Session.Ring();
        f.Session.Answer(UasSessionFixture.Answer);

        Assert.Equal(["180 INVITE", "200 INVITE"], f.Wire);
        Assert.Equal(UasInviteState.Answered, f.Session.State);
        Assert.Equal(SipCallState.Answered, f.Session.Call.State);
        Assert.Equal(["incoming"], f.Handler.Events);
    }

    [Fact]
    public void OkRetransmitter_HoldsThe2xxUntilTheAck_ThenLetsItGo()
    {
        var sender = new RecordingSender();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var ok = new InviteOkRetransmitter(
            new Ivr.Sip.Transactions.TransactionContext(sender, time, new SipWorkQueue(), Ivr.Sip.Transactions.SipTimerSettings.Default),
            TestMessages.PeerUdp, () => { });
        var invite = TestMessages.Request("INVITE");

        ok.Start(TestMessages.ResponseTo(invite, 200));
        time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.True(ok.HoldsResponse);
        Assert.Single(sender.Responses); // resent at T1
        ok.Stop(); // the ACK: a held call does not keep its 200 for its whole length
        Assert.False(ok.HoldsResponse);
        time.Advance(TimeSpan.FromSeconds(40));
        Assert.Single(sender.Responses);
    }

    [Fact]
    public void Answer_TellsTheMetricsHowLongTheInviteWaitedFor200_OnceAndOnlyWhenAnswered()
    {
        var answered = new SetupTimes();
        var f = new UasSessionFixture(options: new SipUserAgentOptions { Metrics = answered }).Started();
        var rejected = new UasSessionFixture(options: new SipUserAgentOptions { Metrics = answered }).Started();

        f.Time.Advance(TimeSpan.FromMilliseconds(15));
        f.Session.Answer(UasSessionFixture.Answer);
        f.Session.Answer(UasSessionFixture.Answer); // ignored: already answered
        rejected.Session.Reject(486, null, SipCallEndReason.Rejected);

        Assert.Equal([TimeSpan.FromMilliseconds(15)], answered.Setups);
    }

    private sealed class SetupTimes : Core.Metrics.ICallMetrics
    {
        public List<TimeSpan> Setups { get; } = [];

        public void CallAnswered(TimeSpan setup) => Setups.Add(setup);

        public void KeyToPrompt(TimeSpan latency) => throw new InvalidOperationException("the SIP layer sees no keys");
    }

    [Fact]
    public void AnswerTimeout_Undecided_480AndEndsOnce()
    {
        var f = new UasSessionFixture().Started();

        f.Advance(TimeSpan.FromSeconds(59.5));
        Assert.Empty(f.Wire);
        f.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["480 INVITE"], f.Wire.Distinct()); // the transaction resends it until the ACK (Timer G)
        Assert.Equal((UasInviteState.Ended, SipCallEndReason.AnswerTimeout, 1), (f.Session.State, f.Session.EndReason, f.Forgotten));
        Assert.Equal(["incoming", "ended:AnswerTimeout"], f.Handler.Events);
    }

    [Fact]
    public void AnswerTimeout_AfterAnswer_NeverFires()
    {
        var f = new UasSessionFixture().Started();
        f.Session.Answer(UasSessionFixture.Answer);
        f.Session.OnAck(f.Ack());

        f.Advance(TimeSpan.FromSeconds(70));

        Assert.Equal(UasInviteState.Confirmed, f.Session.State);
        Assert.DoesNotContain(f.Wire, w => w.StartsWith('4'));
    }

    [Fact]
    public void Reject_ThenAnswer_AnswerIgnored()
    {
        var f = new UasSessionFixture().Started();

        f.Session.Reject(486, null, SipCallEndReason.Rejected);
        f.Session.Answer(UasSessionFixture.Answer);

        Assert.Equal(["486 INVITE"], f.Wire);
        Assert.Equal(["incoming", "ended:Rejected"], f.Handler.Events);
    }

    [Fact]
    public void Ack_Answered_ConfirmsOnceAndStopsResendingThe200()
    {
        var f = new UasSessionFixture().Started();
        f.Session.Answer(UasSessionFixture.Answer);

        f.Session.OnAck(f.Ack());
        f.Session.OnAck(f.Ack());
        f.Sender.Clear();
        f.Advance(TimeSpan.FromSeconds(40));

        Assert.Empty(f.Wire);
        Assert.Equal(UasInviteState.Confirmed, f.Session.State);
        Assert.Equal(["incoming", "confirmed"], f.Handler.Events);
    }

    [Fact]
    public void Ack_WithSdpAfterLateOffer_BecomesTheRemoteSdp()
    {
        var f = new UasSessionFixture(offer: null).Started();
        f.Session.Answer(UasSessionFixture.Answer);

        f.Session.OnAck(f.Ack(TestMessages.OfferSdp));

        Assert.Null(f.Session.Call.RemoteOffer);
        Assert.Equal(30000, f.Session.RemoteSdp!.Media[0].Port);
    }

    [Fact]
    public void NoAck_200ResentThenByeAfter64T1()
    {
        var f = new UasSessionFixture().Started();
        f.Session.Answer(UasSessionFixture.Answer);

        f.Advance(TimeSpan.FromSeconds(32.1));

        Assert.Equal("BYE", f.Wire[^1]);
        Assert.True(f.Wire.Count(w => w == "200 INVITE") > 5);
        Assert.Equal((UasInviteState.Ended, SipCallEndReason.AckTimeout, 1), (f.Session.State, f.Session.EndReason, f.Forgotten));
    }

    [Fact]
    public void Hangup_Undecided_480LocalHangup()
    {
        var f = new UasSessionFixture().Started();

        f.Session.Hangup();

        Assert.Equal(["480 INVITE"], f.Wire);
        Assert.Equal(["incoming", "ended:LocalHangup"], f.Handler.Events);
    }

    [Fact]
    public void Hangup_AnsweredBeforeAck_EndsForTheHandlerNowAndByeFollowsTheAck()
    {
        var f = new UasSessionFixture().Started();
        f.Session.Answer(UasSessionFixture.Answer);
        f.Sender.Clear();

        f.Session.Hangup();

        Assert.Equal(UasInviteState.ByeAfterAck, f.Session.State);
        Assert.Equal(SipCallState.Ended, f.Session.Call.State);
        Assert.Equal(["incoming", "ended:LocalHangup"], f.Handler.Events);
        Assert.Equal(0, f.Forgotten); // still routable: the ACK must find it
        Assert.Empty(f.Wire); // no BYE before the ACK (RFC 3261 §15)

        f.Session.OnAck(f.Ack());

        Assert.Equal(["BYE"], f.Wire);
        Assert.Equal((UasInviteState.Ended, 1), (f.Session.State, f.Forgotten));
        Assert.Equal(["incoming", "ended:LocalHangup"], f.Handler.Events);
    }

    [Fact]
    public void Hangup_AnsweredAndNoAckEver_ByeAt64T1AndTheHandlerToldOnlyOnce()
    {
        var f = new UasSessionFixture().Started();
        f.Session.Answer(UasSessionFixture.Answer);
        f.Session.Hangup();

        f.Advance(TimeSpan.FromSeconds(32.1));

        Assert.Equal("BYE", f.Wire[^1]);
        Assert.Equal((SipCallEndReason.LocalHangup, 1), (f.Session.EndReason, f.Forgotten));
        Assert.Single(f.Handler.Events, e => e.StartsWith("ended"));
    }

    [Fact]
    public void Hangup_Confirmed_ByeAndEnded()
    {
        var f = new UasSessionFixture().Confirmed();
        f.Sender.Clear();

        f.Session.Hangup();
        f.Session.Hangup();

        Assert.Equal(["BYE"], f.Wire);
        Assert.Equal(["incoming", "confirmed", "ended:LocalHangup"], f.Handler.Events);
        Assert.Equal(1, f.Forgotten);
    }

    [Fact]
    public void Cancel_Ringing_487Cancelled()
    {
        var f = new UasSessionFixture().Started();
        f.Session.Ring();

        f.Session.OnCancel();

        Assert.Equal(["180 INVITE", "487 INVITE"], f.Wire);
        Assert.Equal(SipCallEndReason.Cancelled, f.Session.EndReason);
    }

    [Fact]
    public void Cancel_Confirmed_Ignored()
    {
        var f = new UasSessionFixture().Confirmed();
        f.Sender.Clear();

        f.Session.OnCancel();

        Assert.Empty(f.Wire);
        Assert.Equal(UasInviteState.Confirmed, f.Session.State);
    }

    [Fact]
    public void Bye_Confirmed_200AndRemoteHangup()
    {
        var f = new UasSessionFixture().Confirmed();
        f.Sender.Clear();

        f.Receive("BYE");

        Assert.Equal(["200 BYE"], f.Wire);
        Assert.Equal((UasInviteState.Ended, SipCallEndReason.RemoteHangup, 1), (f.Session.State, f.Session.EndReason, f.Forgotten));
    }

    [Fact]
    public void Bye_AfterLocalHangupBeforeAck_EndsWithoutTellingTheHandlerTwice()
    {
        var f = new UasSessionFixture().Started();
        f.Session.Answer(UasSessionFixture.Answer);
        f.Session.Hangup();
        f.Sender.Clear();

        f.Receive("BYE");
        f.Session.OnAck(f.Ack());

        Assert.Equal(["200 BYE"], f.Wire);
        Assert.Equal(["incoming", "ended:LocalHangup"], f.Handler.Events);
        Assert.Equal(1, f.Forgotten);
    }

    [Fact]
    public void InDialogRequest_OldCSeq_500AndNothingChanges()
    {
        var f = new UasSessionFixture().Confirmed();
        f.Receive("INFO", cseq: 5, body: "Signal=1\r\n", contentType: "application/dtmf-relay");
        f.Sender.Clear();

        f.Receive("BYE", cseq: 4);

        Assert.Equal(["500 BYE"], f.Wire);
        Assert.Equal(UasInviteState.Confirmed, f.Session.State);
    }

    [Fact]
    public void Reinvite_Confirmed_HandlersAnswerIn200ResentUntilItsAck()
    {
        var f = new UasSessionFixture().Confirmed();
        f.Sender.Clear();

        f.Receive("INVITE", body: TestMessages.OfferSdp.Replace("30000", "30002"));
        f.Advance(TimeSpan.FromSeconds(0.6));
        f.Session.OnAck(f.Ack());
        var sent = f.Sender.Count;
        f.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["100 INVITE", "200 INVITE", "200 INVITE"], f.Wire);
        Assert.Equal(sent, f.Sender.Count);
        Assert.Equal(30002, f.Session.RemoteSdp!.Media[0].Port);
        Assert.Equal(UasInviteState.Confirmed, f.Session.State);
        Assert.Equal(["incoming", "confirmed", "reinvite"], f.Handler.Events);
    }

    [Fact]
    public void AConfirmedCall_HoldsNoTimer_UntilAReinvitesOkWaitsForItsAck()
    {
        var f = new UasSessionFixture().Started();
        Assert.False(f.Session.IsAtRest); // the answer timer
        f.Session.Answer(UasSessionFixture.Answer);
        Assert.False(f.Session.IsAtRest); // the 200 resent until its ACK

        f.Session.OnAck(f.Ack());
        Assert.True(f.Session.IsAtRest);

        f.Receive("INVITE", body: TestMessages.OfferSdp.Replace("30000", "30002"));
        Assert.False(f.Session.IsAtRest);
        f.Session.OnAck(f.Ack());
        Assert.True(f.Session.IsAtRest);
    }

    [Fact]
    public void Reinvite_HandlerRefuses_488AndTheMediaStays()
    {
        var f = new UasSessionFixture().Confirmed();
        f.Handler.Reinvite = _ => null;
        f.Sender.Clear();

        f.Receive("INVITE", body: TestMessages.OfferSdp.Replace("30000", "30002"));

        Assert.Equal(["100 INVITE", "488 INVITE"], f.Wire);
        Assert.Equal(30000, f.Session.RemoteSdp!.Media[0].Port);
    }

    [Fact]
    public async Task Refer_BeforeTheAck_NotConfirmedAndNothingSent()
    {
        var f = new UasSessionFixture().Started();
        f.Session.Answer(UasSessionFixture.Answer);
        f.Sender.Clear();
        var subscription = new SipReferSubscription(f.Session.Context, TimeSpan.FromSeconds(30));

        f.Session.Refer(Agents, [], subscription);

        Assert.Equal(new SipReferOutcome(SipReferResult.NotConfirmed), await subscription.Completion);
        Assert.Empty(f.Wire);
    }

    [Fact]
    public async Task Refer_AfterHangupAwaitingAck_CallEnded()
    {
        var f = new UasSessionFixture().Started();
        f.Session.Answer(UasSessionFixture.Answer);
        f.Session.Hangup();
        var subscription = new SipReferSubscription(f.Session.Context, TimeSpan.FromSeconds(30));

        f.Session.Refer(Agents, [], subscription);

        Assert.Equal(new SipReferOutcome(SipReferResult.CallEnded), await subscription.Completion);
    }

    [Fact]
    public async Task Refer_Pending_FailsCallEndedWhenThePeerHangsUp()
    {
        var f = new UasSessionFixture().Confirmed();
        var subscription = new SipReferSubscription(f.Session.Context, TimeSpan.FromSeconds(30));
        f.Session.Refer(Agents, [new SipHeader("X-Ivr-Queue", "general")], subscription);

        f.Receive("BYE");

        Assert.Equal(new SipReferOutcome(SipReferResult.CallEnded), await subscription.Completion);
        Assert.Contains("REFER", f.Wire);
    }

    [Fact]
    public void Notify_ReferEventWithoutARefer_481()
    {
        var f = new UasSessionFixture().Confirmed();
        f.Sender.Clear();

        f.Receive("NOTIFY", body: "SIP/2.0 200 OK\r\n", contentType: "message/sipfrag", headers: ["Event: refer", "Subscription-State: terminated"]);

        Assert.Equal(["481 NOTIFY"], f.Wire);
    }

    [Fact]
    public void Shutdown_Undecided_503()
    {
        var f = new UasSessionFixture().Started();

        f.Session.Shutdown();

        Assert.Equal(["503 INVITE"], f.Wire);
        Assert.Equal((SipCallEndReason.Shutdown, 1), (f.Session.EndReason, f.Forgotten));
    }

    [Fact]
    public void Shutdown_Confirmed_Bye()
    {
        var f = new UasSessionFixture().Confirmed();
        f.Sender.Clear();

        f.Session.Shutdown();

        Assert.Equal(["BYE"], f.Wire);
        Assert.Equal(["incoming", "confirmed", "ended:Shutdown"], f.Handler.Events);
    }
}
