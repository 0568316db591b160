using Ivr.Sip.Message;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Transactions;

namespace Ivr.Sip.Tests.Transactions;

public sealed class ClientTransactionTests
{
    private readonly TransactionTestContext _t = new();
    private readonly List<SipResponse> _delivered = [];
    private int _timeouts;

    [Fact]
    public void TimerA_InviteOverUdp_DoublesWithoutCapUntilTimerB()
    {
        Send(TestMessages.Request("INVITE"));
        _t.Sender.Clear();

        var times = _t.RecordSendTimes(TimeSpan.FromSeconds(40));

        Assert.Equal([0.5, 1.5, 3.5, 7.5, 15.5, 31.5], times);
        Assert.Equal(1, _timeouts);
        Assert.Equal(0, _t.Layer.ClientCount);
    }

    [Fact]
    public void ReceiveResponse_Provisional_StopsTimerAAndTimerB()
    {
        var invite = TestMessages.Request("INVITE");
        Send(invite);
        _t.Layer.ReceiveResponse(TestMessages.ResponseTo(invite, 180));
        _t.Sender.Clear();

        Assert.Empty(_t.RecordSendTimes(TimeSpan.FromSeconds(40)));
        Assert.Equal(0, _timeouts);
        Assert.Equal([180], _delivered.Select(r => r.StatusCode));
    }

    [Fact]
    public void ReceiveResponse_Busy_AcksOnceDeliversOnceAndTimerDEnds()
    {
        var invite = TestMessages.Request("INVITE");
        var tx = Send(invite);
        var busy = TestMessages.ResponseTo(invite, 486);

        _t.Layer.ReceiveResponse(busy);
        _t.Layer.ReceiveResponse(busy);

        var acks = _t.Sender.Requests.Where(r => r.Method == "ACK").ToList();
        Assert.Equal(2, acks.Count);
        Assert.Equal("z9hG4bK-1", acks[0].TopVia!.Branch);
        Assert.Equal("remote-tag", acks[0].To!.Tag);
        Assert.Equal(new CSeqHeader(1, "ACK"), acks[0].CSeq);
        Assert.Single(_delivered);
        _t.Advance(TimeSpan.FromSeconds(32.1));
        Assert.Equal(ClientTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void ReceiveResponse_Ok_TerminatesAndLeavesAckToTheTu()
    {
        var invite = TestMessages.Request("INVITE");
        var tx = Send(invite);

        _t.Layer.ReceiveResponse(TestMessages.ResponseTo(invite, 200));

        Assert.Equal(ClientTransactionState.Terminated, tx.State);
        Assert.DoesNotContain(_t.Sender.Requests, r => r.Method == "ACK");
        Assert.Equal([200], _delivered.Select(r => r.StatusCode));
    }

    [Fact]
    public void TimerE_ByeOverUdp_DoublesToT2UntilTimerF()
    {
        Send(TestMessages.Request("BYE", toTag: "x"));
        _t.Sender.Clear();

        var times = _t.RecordSendTimes(TimeSpan.FromSeconds(40));

        Assert.Equal([0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], times);
        Assert.Equal(1, _timeouts);
    }

    [Fact]
    public void TimerE_AfterProvisional_RetransmitsEveryT2()
    {
        var bye = TestMessages.Request("BYE", toTag: "x");
        Send(bye);
        _t.Layer.ReceiveResponse(TestMessages.ResponseTo(bye, 100));

        var times = _t.RecordSendTimes(TimeSpan.FromSeconds(9));

        Assert.Equal([0.5, 4.5, 8.5], times);
    }

    [Fact]
    public void TimerK_AfterFinal_AbsorbsRetransmittedResponsesThenTerminates()
    {
        var bye = TestMessages.Request("BYE", toTag: "x");
        var tx = Send(bye);
        var ok = TestMessages.ResponseTo(bye, 200);

        _t.Layer.ReceiveResponse(ok);
        Assert.True(_t.Layer.ReceiveResponse(ok));
        Assert.Single(_delivered);
        Assert.Empty(_t.RecordSendTimes(TimeSpan.FromSeconds(4.9)));
        Assert.Equal(ClientTransactionState.Completed, tx.State);

        _t.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(ClientTransactionState.Terminated, tx.State);
        Assert.False(_t.Layer.ReceiveResponse(ok));
    }

    [Fact]
    public void ReceiveResponse_UnknownBranch_NotMatched()
    {
        Send(TestMessages.Request("BYE", toTag: "x"));

        Assert.False(_t.Layer.ReceiveResponse(TestMessages.ResponseTo(TestMessages.Request("BYE", branch: "z9hG4bK-zz"), 200)));
    }

    private SipClientTransaction Send(SipRequest request) =>
        _t.Layer.SendRequest(request, TestMessages.PeerUdp, _delivered.Add, () => _timeouts++);
}
