using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Throttling;
using Ivr.Sip.Transport;
using Microsoft.Extensions.Time.Testing;
using static Ivr.Sip.Tests.Throttling.Sources;

namespace Ivr.Sip.Tests.Throttling;

public sealed class InboundGateTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLog _log = new();

    [Fact]
    public void Admit_OverItsBudget_DropsOneSourceAndNotAnother()
    {
        var gate = Gate();

        var admitted = Enumerable.Range(0, 1000).Count(_ => gate.Admit(Attacker, 0));

        Assert.Equal(200, admitted);
        Assert.Equal(800, gate.DroppedOverBudget);
        Assert.True(gate.Admit(Caller, 0));
    }

    [Fact]
    public void Admit_AListedProxy_HasTheHigherBudget()
    {
        var gate = Gate();

        Assert.Equal(10_000, Enumerable.Range(0, 12_000).Count(_ => gate.Admit(Kamailio, 0)));
    }

    [Fact]
    public void Admit_WorkQueueFull_DropsAndCountsSeparately()
    {
        var gate = Gate();

        Assert.False(gate.Admit(Caller, InboundLimits.Default.MaxQueuedMessages));
        Assert.True(gate.Admit(Caller, InboundLimits.Default.MaxQueuedMessages - 1));
        Assert.Equal(1, gate.DroppedQueueFull);
        Assert.Equal(0, gate.DroppedOverBudget);
    }

    [Fact]
    public void Admit_LogsOneLinePerSourcePerMinute_WithTheCount()
    {
        var gate = Gate();
        for (var second = 0; second < 61; second++)
        {
            for (var i = 0; i < 1000; i++) gate.Admit(Attacker, 0);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        gate.Admit(Caller, 0);

        var line = Assert.Single(_log.Warnings);
        Assert.Contains("from 127.0.0.2 in the last minute", line);
        var dropped = long.Parse(line.Split("dropped ")[1].Split(' ')[0]);
        // The window of seconds 0-59: 60,000 sent, the burst of 200 and 50/s for 59 s let through.
        Assert.InRange(dropped, 56_849, 56_851);
    }

    [Fact]
    public void Admit_AfterTheFlood_QuietSourcesAreForgotten()
    {
        var gate = Gate();
        for (var host = 1; host < 250; host++)
        {
            for (var i = 0; i < 300; i++) gate.Admit(Udp($"10.1.0.{host}"), 0);
        }

        Assert.Equal(249, gate.TrackedSources);
        _time.Advance(TimeSpan.FromSeconds(61));
        gate.Admit(Caller, 0);

        Assert.Equal(1, gate.TrackedSources);
    }

    [Fact]
    public void AdmitQueued_ChecksOnlyTheWorkQueueCap_NotTheBudget()
    {
        var gate = Gate();
        for (var i = 0; i < 1000; i++) gate.Admit(Attacker, 0);

        Assert.True(gate.AdmitQueued(Attacker, 0));
        Assert.False(gate.AdmitQueued(Caller, InboundLimits.Default.MaxQueuedMessages));
        Assert.Equal(1, gate.DroppedQueueFull);
    }

    [Fact]
    public void Dropped_ByTheUdpTransport_IsCountedAndLoggedOncePerSourcePerMinute()
    {
        var gate = Gate();
        for (var i = 0; i < 500; i++) gate.Dropped(Attacker, DatagramDrop.SourceBacklog);
        gate.Dropped(Caller, DatagramDrop.Backlog);
        Assert.Empty(_log.Warnings);

        _time.Advance(TimeSpan.FromSeconds(60));
        gate.Dropped(Attacker, DatagramDrop.SourceBacklog); // counted in the window it ends

        Assert.Equal(501, gate.DroppedSourceQueueFull);
        Assert.Equal(1, gate.DroppedAllQueuesFull);
        Assert.Equal(2, _log.Warnings.Count);
        Assert.Contains(_log.Warnings, w => w.Contains("dropped 501 SIP messages from 127.0.0.2 in the last minute: its UDP receive queue", StringComparison.Ordinal));
        Assert.Contains(_log.Warnings, w => w.Contains("dropped 1 SIP messages from 127.0.0.1 in the last minute: all UDP receive queues", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_IsCountedApartFromTheOtherReasons_AndLoggedOncePerSourcePerMinute()
    {
        var gate = Gate();
        for (var i = 0; i < 30; i++) gate.Malformed(Attacker);
        gate.Dropped(Attacker, DatagramDrop.SourceBacklog);
        Assert.Empty(_log.Warnings);

        _time.Advance(TimeSpan.FromSeconds(60));
        gate.Malformed(Caller); // counted in the window it ends

        Assert.Equal(new SipDropCounts(OverBudget: 0, WorkQueueFull: 0, SourceQueueFull: 1, AllQueuesFull: 0, Malformed: 31), gate.Drops);
        Assert.Contains(_log.Warnings, w => w.Contains("dropped 30 SIP messages from 127.0.0.2 in the last minute: malformed", StringComparison.Ordinal));
        Assert.Contains(_log.Warnings, w => w.Contains("dropped 1 SIP messages from 127.0.0.1 in the last minute: malformed", StringComparison.Ordinal));
        Assert.Contains(_log.Warnings, w => w.Contains("dropped 1 SIP messages from 127.0.0.2 in the last minute: its UDP receive queue", StringComparison.Ordinal));
    }

    private InboundGate Gate() => new(InboundLimits.Default, Proxies, _time, _log);
}
