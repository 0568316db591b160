using Ivr.Core.Fax;
using Ivr.Telephony.Fax;
using Ivr.Telephony.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ivr.Telephony.Tests.Fax;

/// <summary>The fax dialer against SIPp callees that are busy or never answer: outcomes the job queue retries.</summary>
public sealed class FaxDialerSippTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SendAsync_Busy_ReportsBusyWithNothingSent()
    {
        if (!SippUas.IsInstalled) { output.WriteLine("sipp not installed: test not run"); return; }
        await using var sipp = await SippUas.StartAsync("uas_busy.xml", output);
        await using var caller = new DialerHarness();

        var result = await new FaxDialer(caller.Dialer).SendAsync($"sip:fax@127.0.0.1:{sipp.Port}", FaxDocuments.OnePage, CancellationToken.None);

        Assert.Equal(FaxOutcome.Busy, result.Outcome);
        Assert.Equal((0, 1, -1), (result.PagesSent, result.PagesTotal, result.ResultCode));
        Assert.Contains("486", result.Detail);
        Assert.Equal(0, await sipp.FinishAsync());
    }

    [Fact]
    public async Task SendAsync_NeverAnswered_ReportsNoAnswerAtTheRingTimeout()
    {
        if (!SippUas.IsInstalled) { output.WriteLine("sipp not installed: test not run"); return; }
        await using var sipp = await SippUas.StartAsync("uas_no_answer.xml", output);
        await using var caller = new DialerHarness();
        var dialer = new FaxDialer(caller.Dialer) { RingTimeout = TimeSpan.FromSeconds(2) };

        var result = await dialer.SendAsync($"sip:fax@127.0.0.1:{sipp.Port}", FaxDocuments.OnePage, CancellationToken.None);

        Assert.Equal(FaxOutcome.NoAnswer, result.Outcome);
        Assert.Equal(0, result.PagesSent);
        Assert.Equal(0, await sipp.FinishAsync());
    }
}
