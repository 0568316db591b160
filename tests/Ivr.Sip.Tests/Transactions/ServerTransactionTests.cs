using Ivr.Sip.Message;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Transactions;

namespace Ivr.Sip.Tests.Transactions;

public sealed class ServerTransactionTests
{
    private readonly TransactionTestContext _t = new();

    [Fact]
    public void CreateServerTransaction_Invite_Sends100TryingAtOnce()
    {
        _t.Layer.CreateServerTransaction(TestMessages.Request("INVITE"), TestMessages.PeerUdp);

        var trying = Assert.Single(_t.Sender.Responses);
        Assert.Equal(100, trying.StatusCode);
        Assert.Null(trying.To!.Tag);
    }

    [Fact]
    public void TryAbsorb_RetransmittedInviteWhileProceeding_ResendsLastProvisional()
    {
        var invite = TestMessages.Request("INVITE");
        var tx = _t.Layer.CreateServerTransaction(invite, TestMessages.PeerUdp);
        tx.SendResponse(TestMessages.ResponseTo(invite, 180));

        var absorbed = _t.Layer.TryAbsorb(TestMessages.Request("INVITE"));

        Assert.True(absorbed);
        Assert.Equal([100, 180, 180], _t.Sender.StatusCodes);
    }

    [Fact]
    public void TimerG_NonSuccessFinalOverUdp_RetransmitsDoublingToT2UntilTimerH()
    {
        var invite = TestMessages.Request("INVITE");
        var tx = _t.Layer.CreateServerTransaction(invite, TestMessages.PeerUdp);
        var timedOut = false;
        tx.TimedOut += _ => timedOut = true;
        tx.SendResponse(TestMessages.ResponseTo(invite, 486));
        _t.Sender.Clear();

        var times = _t.RecordSendTimes(TimeSpan.FromSeconds(40));

        Assert.Equal([0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], times);
        Assert.True(timedOut);
        Assert.Equal(ServerTransactionState.Terminated, tx.State);
        Assert.Equal(0, _t.Layer.ServerCount);
    }

    [Fact]
    public void Ack_InCompleted_StopsTimerGAndTerminatesAfterTimerI()
    {
        var invite = TestMessages.Request("INVITE");
        var tx = _t.Layer.CreateServerTransaction(invite, TestMessages.PeerUdp);
        tx.SendResponse(TestMessages.ResponseTo(invite, 486));
        _t.Advance(TimeSpan.FromSeconds(0.6));

        Assert.True(_t.Layer.TryAbsorb(TestMessages.Request("ACK", cseq: 1, toTag: "remote-tag")));
        var sendsAfterAck = _t.RecordSendTimes(TimeSpan.FromSeconds(4.9));

        Assert.Empty(sendsAfterAck);
        Assert.Equal(ServerTransactionState.Confirmed, tx.State);
        _t.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(ServerTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void TimerG_OverTcp_NeverRetransmits()
    {
        var invite = TestMessages.Request("INVITE", transport: "TCP");
        var tx = _t.Layer.CreateServerTransaction(invite, TestMessages.PeerTcp);
        tx.SendResponse(TestMessages.ResponseTo(invite, 603));
        _t.Sender.Clear();

        Assert.Empty(_t.RecordSendTimes(TimeSpan.FromSeconds(31)));
        _t.Layer.TryAbsorb(TestMessages.Request("ACK", transport: "TCP"));
        Assert.Equal(ServerTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void SendResponse_2xx_AcceptedAbsorbsInviteButPassesAckUntilTimerL()
    {
        var invite = TestMessages.Request("INVITE");
        var tx = _t.Layer.CreateServerTransaction(invite, TestMessages.PeerUdp);
        tx.SendResponse(TestMessages.ResponseTo(invite, 200));

        Assert.Equal(ServerTransactionState.Accepted, tx.State);
        Assert.True(_t.Layer.TryAbsorb(TestMessages.Request("INVITE")));
        Assert.False(_t.Layer.TryAbsorb(TestMessages.Request("ACK")));
        Assert.Equal([100, 200], _t.Sender.StatusCodes);
        _t.Advance(TimeSpan.FromSeconds(32.1));
        Assert.Equal(ServerTransactionState.Terminated, tx.State);
        Assert.Equal(0, _t.Layer.ServerCount);
    }

    [Fact]
    public void TimerJ_NonInviteOverUdp_AbsorbsRetransmissionsFor64T1()
    {
        var bye = TestMessages.Request("BYE", toTag: "t");
        var tx = _t.Layer.CreateServerTransaction(bye, TestMessages.PeerUdp);
        Assert.True(_t.Layer.TryAbsorb(TestMessages.Request("BYE", toTag: "t")));
        Assert.Empty(_t.Sender.Sent);

        tx.SendResponse(TestMessages.ResponseTo(bye, 200));
        _t.Advance(TimeSpan.FromSeconds(31.9));
        Assert.True(_t.Layer.TryAbsorb(TestMessages.Request("BYE", toTag: "t")));
        Assert.Equal([200, 200], _t.Sender.StatusCodes);

        _t.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(ServerTransactionState.Terminated, tx.State);
        Assert.False(_t.Layer.TryAbsorb(TestMessages.Request("BYE", toTag: "t")));
    }

    [Fact]
    public void FinalResponse_WhileTheTimerRuns_TheRequestIsLetGo_TheResponseKeptOnlyWhereItIsSentAgain()
    {
        var bye = TestMessages.Request("BYE", toTag: "t");
        var byeTx = _t.Layer.CreateServerTransaction(bye, TestMessages.PeerUdp);
        var invite = TestMessages.Request("INVITE", branch: "z9hG4bK-other");
        var inviteTx = _t.Layer.CreateServerTransaction(invite, TestMessages.PeerUdp);
        Assert.Same(bye, byeTx.Request); // read while it is answered

        byeTx.SendResponse(TestMessages.ResponseTo(bye, 200));
        inviteTx.SendResponse(TestMessages.ResponseTo(invite, 200));

        Assert.Throws<InvalidOperationException>(() => byeTx.Request);
        Assert.Equal(200, byeTx.LastResponse!.StatusCode); // Timer J: a retransmitted BYE gets it again
        Assert.Throws<InvalidOperationException>(() => inviteTx.Request);
        Assert.Null(inviteTx.LastResponse); // Accepted: the TU retransmits its 2xx, nothing here sends it again
        Assert.True(byeTx.HasFinalResponse);
        Assert.True(inviteTx.HasFinalResponse);
    }

    [Fact]
    public void NonSuccessFinal_KeptForTimerG_LetGoOnceAcknowledged()
    {
        var invite = TestMessages.Request("INVITE");
        var tx = _t.Layer.CreateServerTransaction(invite, TestMessages.PeerUdp);
        tx.SendResponse(TestMessages.ResponseTo(invite, 486));
        Assert.Equal(486, tx.LastResponse!.StatusCode);

        Assert.True(_t.Layer.TryAbsorb(TestMessages.Request("ACK")));

        Assert.Equal(ServerTransactionState.Confirmed, tx.State);
        Assert.Null(tx.LastResponse);
    }

    [Fact]
    public void TimerJ_NonInviteOverTcp_TerminatesAtOnce()
    {
        var options = TestMessages.Request("OPTIONS", transport: "TCP");
        var tx = _t.Layer.CreateServerTransaction(options, TestMessages.PeerTcp);

        tx.SendResponse(TestMessages.ResponseTo(options, 200));

        Assert.Equal(ServerTransactionState.Terminated, tx.State);
        Assert.Equal(0, _t.Layer.WaitingOut); // never enters the timeout line
    }

    [Fact]
    public void TryAbsorb_Rfc2543RequestWithoutBranch_MatchesByCallIdCSeqAndVia()
    {
        var invite = (SipRequest)TestMessages.Parse(
            "INVITE sip:ivr@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070\r\nFrom: <sip:a@b>;tag=1\r\n" +
            "To: <sip:ivr@127.0.0.1>\r\nCall-ID: old\r\nCSeq: 4 INVITE\r\nContent-Length: 0\r\n\r\n");
        _t.Layer.CreateServerTransaction(invite, TestMessages.PeerUdp);

        Assert.True(_t.Layer.TryAbsorb(invite));
        Assert.Equal([100, 100], _t.Sender.StatusCodes);
    }

    [Fact]
    public void FindInviteFor_CancelWithSameBranch_FindsInviteTransaction()
    {
        var tx = _t.Layer.CreateServerTransaction(TestMessages.Request("INVITE", branch: "z9hG4bK-c"), TestMessages.PeerUdp);

        Assert.Same(tx, _t.Layer.FindInviteFor(TestMessages.Request("CANCEL", branch: "z9hG4bK-c")));
        Assert.Null(_t.Layer.FindInviteFor(TestMessages.Request("CANCEL", branch: "z9hG4bK-other")));
    }
}
