using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Transactions;

namespace Ivr.Sip.Tests.Transactions;

/// <summary>The transaction timer on a clock whose timers fire only when the test says so, early and late included.</summary>
public sealed class TransactionTimerTests
{
    private readonly HandDrivenTime _time = new();
    private readonly TransactionTimer _timer;
    private int _fired;

    public TransactionTimerTests()
    {
        var context = new TransactionContext(new RecordingSender(), _time, new SipWorkQueue(), SipTimerSettings.Default);
        _timer = new TransactionTimer(context, () => _fired++);
    }

    [Fact]
    public void Restarts_ChangeTheOneTimer_NothingMadePerStart()
    {
        _timer.Start(TimeSpan.FromMilliseconds(500));
        _timer.Start(TimeSpan.FromSeconds(1));
        _timer.Start(TimeSpan.FromSeconds(2));

        Assert.Equal(1, _time.Created);
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], _time.Timer!.Dues);
    }

    [Fact]
    public void AnExpiryBeforeTheDeadline_ReArmsForWhatIsLeft_AndFiresOnlyAtTheDeadline()
    {
        _timer.Start(TimeSpan.FromMilliseconds(500));
        _time.Now += TimeSpan.FromMilliseconds(200);

        _time.Timer!.Fire(); // an expiry of an earlier start, or a timer early on its coarse clock

        Assert.Equal(0, _fired);
        Assert.Equal(TimeSpan.FromMilliseconds(300), _time.Timer.Dues[^1]);
        _time.Now += TimeSpan.FromMilliseconds(300);
        _time.Timer.Fire();
        Assert.Equal(1, _fired);
    }

    [Fact]
    public void AnExpiryWithinAMillisecondOfTheDeadline_Fires()
    {
        _timer.Start(TimeSpan.FromMilliseconds(500));
        _time.Now += TimeSpan.FromMilliseconds(499.5);

        _time.Timer!.Fire();

        Assert.Equal(1, _fired);
    }

    [Fact]
    public void AnExpiryAfterStop_DoesNothing_AndTheTimerIsDisposed()
    {
        _timer.Start(TimeSpan.FromMilliseconds(500));
        var timer = _time.Timer!;
        _timer.Stop();
        _time.Now += TimeSpan.FromSeconds(1);

        timer.Fire(); // already running on the timer's thread when Stop came

        Assert.Equal(0, _fired);
        Assert.True(timer.Disposed);
    }

    [Fact]
    public void AFiredTimer_IsFiredOnce_AndLetsGoOfItsSystemTimer()
    {
        _timer.Start(TimeSpan.FromMilliseconds(500));
        var timer = _time.Timer!;
        _time.Now += TimeSpan.FromMilliseconds(500);

        timer.Fire();
        timer.Fire();

        Assert.Equal(1, _fired);
        Assert.True(timer.Disposed); // nothing left for the finalizer
    }

    [Fact]
    public void AnExpiryThatRestartsItsTimer_KeepsIt()
    {
        var context = new TransactionContext(new RecordingSender(), _time, new SipWorkQueue(), SipTimerSettings.Default);
        TransactionTimer? backoff = null;
        backoff = new TransactionTimer(context, () => backoff!.Start(backoff.Interval * 2)); // Timer G's way
        backoff.Start(TimeSpan.FromMilliseconds(500));
        _time.Now += TimeSpan.FromMilliseconds(500);

        _time.Timer!.Fire();

        Assert.False(_time.Timer.Disposed);
        Assert.Equal(1, _time.Created);
        Assert.Equal(TimeSpan.FromSeconds(1), _time.Timer.Dues[^1]);
    }

    [Fact]
    public void AcceptedInvite_MakesOnlyTimerL()
    {
        var layer = new SipTransactionLayer(new TransactionContext(new RecordingSender(), _time, new SipWorkQueue(), SipTimerSettings.Default));
        var invite = TestMessages.Request("INVITE");
        var tx = layer.CreateServerTransaction(invite, TestMessages.PeerUdp);

        tx.SendResponse(TestMessages.ResponseTo(invite, 200));

        Assert.Equal(1, _time.Created);
        Assert.Equal([SipTimerSettings.Default.TransactionTimeout], _time.Timer!.Dues);
    }

    [Fact]
    public void HundredAcceptedInvites_ShareTheTimeoutLinesOneTimer()
    {
        var layer = new SipTransactionLayer(new TransactionContext(new RecordingSender(), _time, new SipWorkQueue(), SipTimerSettings.Default));
        for (var i = 0; i < 100; i++)
        {
            var invite = TestMessages.Request("INVITE", branch: $"z9hG4bK-{i}");
            layer.CreateServerTransaction(invite, TestMessages.PeerUdp).SendResponse(TestMessages.ResponseTo(invite, 200));
            _time.Now += TimeSpan.FromMilliseconds(10);
        }

        Assert.Equal(1, _time.Created); // was one per transaction
        Assert.Equal(100, layer.WaitingOut);

        _time.Now += SipTimerSettings.Default.TransactionTimeout; // past every transaction's deadline
        _time.Timer!.Fire();
        Assert.Equal(0, layer.ServerCount);
        Assert.Equal(0, layer.WaitingOut);
    }

    /// <summary>A clock moved by the test whose timers fire only through <see cref="ManualTimer.Fire"/>.</summary>
    private sealed class HandDrivenTime : TimeProvider
    {
        public TimeSpan Now { get; set; } = TimeSpan.FromHours(1);

        public int Created { get; private set; }

        public ManualTimer? Timer { get; private set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Now.Ticks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Created++;
            Timer = new ManualTimer(callback, state);
            Timer.Change(dueTime, period);
            return Timer;
        }
    }

    private sealed class ManualTimer(TimerCallback callback, object? state) : ITimer
    {
        public List<TimeSpan> Dues { get; } = [];

        public bool Disposed { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Dues.Add(dueTime);
            return !Disposed;
        }

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
