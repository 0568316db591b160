using Ivr.Core.Fax;
using Ivr.Fax.Tests.Support;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Fax;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.Fax;

/// <summary>定时传真's delivery: our dialer calls a fax machine (spandsp on a channel of our own server) over real SIP on loopback.</summary>
public sealed class FaxDialerTests
{
    [Fact]
    public async Task SendAsync_AnsweredByAFaxMachine_EveryPageArrivesAsSent()
    {
        using var machine = new FaxMachine();
        await using var callee = new TelephonyHarness(onStart: call => machine.Answer((SipCallChannel)call.Channel));
        await using var caller = new DialerHarness();
        var log = new List<string>();
        var dialer = new FaxDialer(caller.Dialer, log: l => { lock (log) log.Add(l); });

        var result = await dialer.SendAsync($"sip:01088886666@127.0.0.1:{callee.SipEndPoint.Port}", FaxDocuments.OnePage, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(result.Outcome == FaxOutcome.Sent, result.Detail);
        Assert.Equal((1, 1, 0), (result.PagesSent, result.PagesTotal, result.ResultCode));
        Assert.Equal(1, (await machine.Finished.WaitAsync(TimeSpan.FromSeconds(30))).PagesReceived);
        ReceivedFax.AssertMatches(FaxDocuments.OnePage, machine.ReceivedPath, minSourceBlackPixels: 5_000);
        var flow = await callee.WaitForCallAsync();
        Assert.True(await flow.WaitForAsync("hungup:caller", 10), string.Join(", ", flow.Events));
        lock (log) Assert.DoesNotContain(log, l => l.Contains("01088886666"));
    }

    [Fact]
    public async Task SendAsync_FaxMachineHangsUpMidPage_ReportsFailed()
    {
        using var machine = new FaxMachine();
        await using var callee = new TelephonyHarness(onStart: call =>
        {
            machine.Answer((SipCallChannel)call.Channel);
            _ = Task.Delay(TimeSpan.FromSeconds(12)).ContinueWith(_ => call.Channel.Hangup("test"));
        });
        await using var caller = new DialerHarness();
        var dialer = new FaxDialer(caller.Dialer);

        var result = await dialer.SendAsync($"sip:fax@127.0.0.1:{callee.SipEndPoint.Port}", FaxDocuments.OnePage, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(result.Outcome == FaxOutcome.Failed, $"{result.Outcome}: {result.Detail}");
        Assert.Equal(0, result.PagesSent);
        Assert.NotEqual(0, result.ResultCode);
    }

    [Fact]
    public async Task SendAsync_NumberRejected_ReportsFailedWithTheSipStatus()
    {
        await using var callee = new TelephonyHarness(canAnswer: _ => false);
        await using var caller = new DialerHarness();
        var dialer = new FaxDialer(caller.Dialer);

        var result = await dialer.SendAsync($"sip:fax@127.0.0.1:{callee.SipEndPoint.Port}", FaxDocuments.OnePage, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(FaxOutcome.Failed, result.Outcome);
        Assert.Contains("404", result.Detail);
        Assert.Equal(1, result.PagesTotal);
    }

    [Fact]
    public async Task SendAsync_DocumentMissing_FailsWithoutDialling()
    {
        await using var callee = new TelephonyHarness();
        await using var caller = new DialerHarness();
        var dialer = new FaxDialer(caller.Dialer);

        var result = await dialer.SendAsync($"sip:fax@127.0.0.1:{callee.SipEndPoint.Port}", "/nonexistent/doc.tif", CancellationToken.None);

        Assert.Equal(FaxOutcome.Failed, result.Outcome);
        await Task.Delay(300);
        Assert.Empty(callee.Calls);
    }

    [Fact]
    public async Task SendAsync_NoTrunkForANumber_FailsWithTheReasonAndTheNumberMasked()
    {
        await using var caller = new DialerHarness();
        var dialer = new FaxDialer(caller.Dialer);

        var result = await dialer.SendAsync("01088886666", FaxDocuments.OnePage, CancellationToken.None);

        Assert.Equal(FaxOutcome.Failed, result.Outcome);
        Assert.Contains("trunk", result.Detail);
        Assert.DoesNotContain("01088886666", result.Detail);
    }
}
