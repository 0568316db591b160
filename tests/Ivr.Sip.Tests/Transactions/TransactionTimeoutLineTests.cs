using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Transactions;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Sip.Tests.Transactions;

/// <summary>
/// Answered INVITEs (Timer L) and non-INVITEs answered over UDP (Timer J) wait out 64*T1 in the stack's one timeout
/// line (session 18): each still ends 32 s after its own answer, in any mix, and the line needs one timer, not one per
/// transaction.
/// </summary>
public sealed class TransactionTimeoutLineTests
{
    private readonly TransactionTestContext _t = new();

    [Fact]
    public void AnsweredTransactions_EachEndsAt64T1AfterItsOwnAnswer()
    {
        var first = Answer("INVITE", "z9hG4bK-a", 200);
        _t.Advance(TimeSpan.FromSeconds(10));
        var bye = Answer("BYE", "z9hG4bK-b", 200);
        var second = Answer("INVITE", "z9hG4bK-c", 200);
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

    [Fact]
    public void HundredAnsweredInvites_OneTimerServesThemAll()
    {
        var time = new CountingTime();
        var layer = new SipTransactionLayer(new TransactionContext(new RecordingSender(), time, new SipWorkQueue(), SipTimerSettings.Default));
        for (var i = 0; i < 100; i++)
        {
            var invite = TestMessages.Request("INVITE", branch: $"z9hG4bK-{i}");
            layer.CreateServerTransaction(invite, TestMessages.PeerUdp).SendResponse(TestMessages.ResponseTo(invite, 200));
            time.Fake.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(100, layer.WaitingOut);
        Assert.Equal(1, time.TimersCreated); // was one per transaction

        for (var step = 0; step < 340; step++) time.Fake.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, layer.ServerCount);
        Assert.Equal(0, layer.WaitingOut);
    }

    private SipServerTransaction Answer(string method, string branch, int status)
    {
        var request = TestMessages.Request(method, branch: branch, toTag: method == "INVITE" ? null : "t");
        var transaction = _t.Layer.CreateServerTransaction(request, TestMessages.PeerUdp);
        transaction.SendResponse(TestMessages.ResponseTo(request, status));
        return transaction;
    }

    /// <summary>A fake clock that counts the timers made on it.</summary>
    private sealed class CountingTime : TimeProvider
    {
        public FakeTimeProvider Fake { get; } = new();

        public int TimersCreated { get; private set; }

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimersCreated++;
            return Fake.CreateTimer(callback, state, dueTime, period);
        }
    }
}
