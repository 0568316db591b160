using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Transactions;

namespace Ivr.Sip.Tests.Transactions;

/// <summary>
/// Answered INVITEs (Timer L) and non-INVITEs answered over UDP (Timer J) wait out 64*T1 in the stack's one timeout
/// line (session 18): each still ends 32 s after its own answer, in any mix (that the line needs one timer:
/// <see cref="TransactionTimerTests"/>).
/// </summary>
public sealed class TransactionTimeoutLineTests
{
    private readonly TransactionTestContext _t = new();

    [Fact]
    public void AnsweredTransactions_EachEndsAt64T1AfterItsOwnAnswer()
    {
        var first = Answer("INVITE", "z9hG4bK-a");
        _t.Advance(TimeSpan.FromSeconds(10));
        var bye = Answer("BYE", "z9hG4bK-b");
        var second = Answer("INVITE", "z9hG4bK-c");
        Assert.Equal(3, _t.Layer.WaitingOut);

        _t.Advance(TimeSpan.FromSeconds(21.9)); // 31.9 s after the first answer
        Assert.Equal(ServerTransactionState.Accepted, first.State);
        Assert.True(_t.Layer.TryAbsorb(TestMessages.Request("INVITE", branch: "z9hG4bK-a")));

        _t.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(ServerTransactionState.Terminated, first.State);
        Assert.Equal(ServerTransactionState.Completed, bye.State);
        Assert.Equal(ServerTransactionState.Accepted, second.State);
        Assert.False(_t.Layer.TryAbsorb(TestMessages.Request("INVITE", branch: "z9hG4bK-a")));

        _t.Advance(TimeSpan.FromSeconds(9.8)); // 31.9 s after the second pair's answers
        Assert.Equal(ServerTransactionState.Accepted, second.State);
        _t.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(ServerTransactionState.Terminated, bye.State);
        Assert.Equal(ServerTransactionState.Terminated, second.State);
        Assert.Equal(0, _t.Layer.ServerCount);
        Assert.Equal(0, _t.Layer.WaitingOut);
    }

    private SipServerTransaction Answer(string method, string branch)
    {
        var request = TestMessages.Request(method, branch: branch, toTag: method == "INVITE" ? null : "t");
        var transaction = _t.Layer.CreateServerTransaction(request, TestMessages.PeerUdp);
        transaction.SendResponse(TestMessages.ResponseTo(request, 200));
        return transaction;
    }
}
