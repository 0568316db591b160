using System.Collections.Concurrent;
using Ivr.Core.Channel;
using Ivr.Sip.Message;
using Ivr.Sip.Refer;
using Ivr.Telephony.Tests.TestSupport;
using Ivr.Telephony.Transfers;

namespace Ivr.Telephony.Tests.Transfers;

/// <summary>When a transfer falls back to bridging, and when it does not.</summary>
public sealed class ReferTransferTests
{
    private readonly ConcurrentQueue<string> _events = new();
    private int _refers;
    private int _bridges;

    [Theory]
    [InlineData(SipReferResult.NotSupported, 405)]
    [InlineData(SipReferResult.NotSupported, 501)]
    [InlineData(SipReferResult.Rejected, 403)]
    [InlineData(SipReferResult.Rejected, 489)]
    public async Task ReferRefusedByPeer_Bridges(SipReferResult result, int status)
    {
        var transfer = Create(new SipReferOutcome(result, status) { ReferRefused = true }, new TransferResult(true, "bridged"));

        transfer.Start(Request());

        Assert.True(await Poll.UntilAsync(() => _events.Contains("transfer:True:bridged")));
        Assert.Equal((1, 1), (_refers, _bridges));
    }

    [Theory]
    [InlineData(SipReferResult.Rejected, 603, true, "rejected")]
    [InlineData(SipReferResult.Rejected, 403, false, "rejected")]
    [InlineData(SipReferResult.Busy, 486, false, "busy")]
    [InlineData(SipReferResult.Timeout, 408, false, "timeout")]
    public async Task OtherFailures_ReportedWithoutBridging(SipReferResult result, int status, bool referRefused, string reason)
    {
        var transfer = Create(new SipReferOutcome(result, status) { ReferRefused = referRefused }, new TransferResult(true, "bridged"));

        transfer.Start(Request());

        Assert.True(await Poll.UntilAsync(() => _events.Contains($"transfer:False:{reason}")));
        Assert.Equal(0, _bridges);
    }

    [Fact]
    public async Task ModeNever_RefusedReferNotBridged()
    {
        var transfer = Create(new SipReferOutcome(SipReferResult.NotSupported, 405) { ReferRefused = true }, new TransferResult(true, "bridged"), BridgeMode.Never);

        transfer.Start(Request());

        Assert.True(await Poll.UntilAsync(() => _events.Contains("transfer:False:not_supported")));
        Assert.Equal(0, _bridges);
    }

    [Fact]
    public async Task ModeAlways_BridgesWithoutRefer()
    {
        var transfer = Create(new SipReferOutcome(SipReferResult.NotSupported, 405), new TransferResult(false, "busy"), BridgeMode.Always);

        transfer.Start(Request());

        Assert.True(await Poll.UntilAsync(() => _events.Contains("transfer:False:busy")));
        Assert.Equal((0, 1), (_refers, _bridges));
    }

    [Fact]
    public async Task BridgeEndsWithTheCallerGone_NothingReportedAndNextTransferAllowed()
    {
        var transfer = Create(new SipReferOutcome(SipReferResult.NotSupported, 405), null, BridgeMode.Always);

        transfer.Start(Request());
        Assert.True(await Poll.UntilAsync(() => _bridges == 1));
        transfer.Start(Request());

        Assert.True(await Poll.UntilAsync(() => _bridges == 2));
        Assert.Empty(_events);
    }

    [Fact]
    public async Task CallEndedFirst_NothingReportedAndNoBye()
    {
        var transfer = Create(new SipReferOutcome(SipReferResult.CallEnded), new TransferResult(true, "bridged"));

        transfer.Start(Request());
        Assert.True(await Poll.UntilAsync(() => _refers == 1));
        transfer.Start(Request()); // the first one is over: a second REFER goes out

        Assert.True(await Poll.UntilAsync(() => _refers == 2));
        Assert.Empty(_events);
        Assert.Equal(0, _bridges);
    }

    [Fact]
    public async Task NoDialer_RefusedReferReportedAsBefore()
    {
        var targets = new TransferTargets(new Dictionary<string, string> { ["general"] = "sip:agents@127.0.0.1:5070" });
        var transfer = new ReferTransfer("c1", targets, (_, _, _) => Task.FromResult(new SipReferOutcome(SipReferResult.NotSupported, 405) { ReferRefused = true }),
            r => _events.Enqueue($"transfer:{r.Succeeded}:{r.Reason}"), () => { }, _ => { });

        transfer.Start(Request());

        Assert.True(await Poll.UntilAsync(() => _events.Contains("transfer:False:not_supported")));
    }

    private ReferTransfer Create(SipReferOutcome referOutcome, TransferResult? bridgeResult, BridgeMode mode = BridgeMode.Fallback)
    {
        var targets = new TransferTargets(
            new Dictionary<string, string> { ["general"] = "sip:agents@127.0.0.1:5070" }, bridging: new Dictionary<string, BridgeMode> { ["general"] = mode });
        return new ReferTransfer("c1", targets,
            (_, _, _) => { Interlocked.Increment(ref _refers); return Task.FromResult(referOutcome); },
            r => _events.Enqueue($"transfer:{r.Succeeded}:{r.Reason}"), () => _events.Enqueue("bye"), _ => { },
            (uri, headers, _) =>
            {
                Assert.Equal("sip:agents@127.0.0.1:5070", uri.ToString());
                Assert.Contains(headers, h => h.Name == "X-Ivr-Queue" && h.Value == "general");
                Interlocked.Increment(ref _bridges);
                return Task.FromResult(bridgeResult);
            });
    }

    private static TransferRequest Request() => new("general", new Dictionary<string, string> { ["path"] = "main>agent" });
}
