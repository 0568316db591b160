using Ivr.Core.Channel;
using Ivr.Core.Fax;
using Ivr.Fax.Tests.Support;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.Fax;

/// <summary>
/// 即时传真 end to end: a fax machine (spandsp) dials our telephony server over real SIP and RTP on loopback; the
/// flow's SendFax switches the line to T.30 over G.711. Real time: about 30 s a test.
/// </summary>
public sealed class InstantFaxTests
{
    private const int RequestId = 7;

    [Fact]
    public async Task SendFax_FaxMachineOnTheLine_EveryPageArrivesAsSent()
    {
        var document = FaxDocuments.OnePage;
        await using var server = new TelephonyHarness(onStart: call => call.Channel.SendFax(new FaxRequest(RequestId, "social_security_card", document)));
        await using var caller = new DialerHarness();
        using var machine = new FaxMachine();
        var (call, pacing) = await machine.DialAsync(caller.Dialer, $"sip:12333@127.0.0.1:{server.SipEndPoint.Port}");
        var flow = await server.WaitForCallAsync();

        Assert.True(await flow.WaitForAsync($"fax:{RequestId}:Sent", 180), Explain(flow, server));

        var result = Assert.Single(flow.Faxes);
        Assert.Equal((1, 1, 0), (result.PagesSent, result.PagesTotal, result.ResultCode));
        var received = await machine.Finished.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((0, 1), (received.CompletionCode, received.PagesReceived));
        ReceivedFax.AssertMatches(document, machine.ReceivedPath, minSourceBlackPixels: 5_000);

        var channel = (SipCallChannel)flow.Channel;
        Assert.True(await Poll.UntilAsync(() => channel.Inbound.KeyDetection && channel.Outbound.Generator is null), "the line was not given back to the flow");
        Assert.False(channel.IsClosed);
        call.Hangup();
        await pacing;
        Assert.True(await flow.WaitForAsync("hungup:caller", 10), Explain(flow, server));
    }

    [Fact]
    public async Task SendFax_CallerHangsUpMidPage_ReportsTheFaxFailedThenTheHangUp()
    {
        await using var server = new TelephonyHarness(onStart: call => call.Channel.SendFax(new FaxRequest(RequestId, "social_security_card", FaxDocuments.OnePage)));
        await using var caller = new DialerHarness();
        using var machine = new FaxMachine();
        var (call, pacing) = await machine.DialAsync(caller.Dialer, $"sip:12333@127.0.0.1:{server.SipEndPoint.Port}");
        var flow = await server.WaitForCallAsync();
        await Task.Delay(TimeSpan.FromSeconds(12)); // training done, page 1 on its way

        call.Hangup();
        await pacing;

        Assert.True(await flow.WaitForAsync("hungup:caller", 10), Explain(flow, server));
        var events = flow.Events.ToList();
        Assert.Equal(["fax:7:Failed", "hungup:caller"], events.Where(e => e.StartsWith("fax") || e.StartsWith("hungup")));
        var result = Assert.Single(flow.Faxes);
        Assert.Equal(0, result.PagesSent);
        Assert.Contains("call ended (caller)", result.Detail);
    }

    [Fact]
    public async Task SendFax_DocumentNotRendered_ReportsFailedAndTheCallGoesOn()
    {
        await using var server = new TelephonyHarness(onStart: call => call.Channel.SendFax(new FaxRequest(RequestId, "missing", "/nonexistent/missing.tif")));
        await using var caller = new DialerHarness();
        using var machine = new FaxMachine();
        var (call, pacing) = await machine.DialAsync(caller.Dialer, $"sip:12333@127.0.0.1:{server.SipEndPoint.Port}");
        var flow = await server.WaitForCallAsync();

        Assert.True(await flow.WaitForAsync($"fax:{RequestId}:Failed"), Explain(flow, server));

        Assert.Contains("not rendered", Assert.Single(flow.Faxes).Detail);
        var channel = (SipCallChannel)flow.Channel;
        Assert.True(channel.Inbound.KeyDetection);
        Assert.Null(channel.Outbound.Generator);
        flow.Channel.Play(new PlayRequest(1, [TelephonyHarness.TonePrompt(TimeSpan.FromMilliseconds(200))], false));
        Assert.True(await flow.WaitForAsync("played:1:finished"), Explain(flow, server));
        call.Hangup();
        await pacing;
    }

    private static string Explain(FakeCall flow, TelephonyHarness server) =>
        $"events: {string.Join(", ", flow.Events)}; faxes: {string.Join(" | ", flow.Faxes.Select(f => f.Detail))}; log: {string.Join(" | ", server.Log.TakeLast(10))}";
}
