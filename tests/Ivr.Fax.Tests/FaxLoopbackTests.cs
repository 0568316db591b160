using Ivr.Core.Fax;
using Ivr.Fax.Tests.Support;
using Xunit.Abstractions;

namespace Ivr.Fax.Tests;

/// <summary>A spandsp transmitter and receiver joined by a G.711 µ-law line in memory: the whole T.30 call, faster than real time.</summary>
public sealed class FaxLoopbackTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Transmit_OverG711_EveryPageArrivesAsSent(bool errorCorrection)
    {
        var received = Path.Combine(TestDocuments.NewFolder(), "received.tif");
        FaxSessionResult? sent = null, got = null;
        using var transmitter = new FaxTransmitter(TestDocuments.ThreePages, new FaxSessionOptions { ErrorCorrection = errorCorrection }, r => sent = r);
        using var receiver = new FaxReceiver(received, new FaxSessionOptions { ErrorCorrection = errorCorrection, LocalIdent = "010 12345678" }, r => got = r);
        var line = new G711FaxLine(transmitter, receiver);

        Assert.True(line.Run(TimeSpan.FromMinutes(5)), "the T.30 call did not end in 5 minutes of line time");

        output.WriteLine($"line time {line.Elapsed}; sender: {sent}; receiver: {got}");
        Assert.NotNull(sent);
        Assert.NotNull(got);
        var result = transmitter.ToFaxResult(sent);
        Assert.Equal(FaxOutcome.Sent, result.Outcome);
        Assert.Equal((3, 3, 0), (result.PagesSent, result.PagesTotal, result.ResultCode));
        Assert.Equal(errorCorrection, sent.ErrorCorrection);
        Assert.Equal(0, got.CompletionCode);
        Assert.Equal(3, got.PagesReceived);
        ReceivedFax.AssertMatches(TestDocuments.ThreePages, received, minSourceBlackPixels: 10_000, output.WriteLine);
    }

    [Fact]
    public void Transmit_ReceiverGoneDuringPageOne_ReportsFailedWithNoPageConfirmed()
    {
        var received = Path.Combine(TestDocuments.NewFolder(), "received.tif");
        FaxSessionResult? sent = null;
        using var transmitter = new FaxTransmitter(TestDocuments.ThreePages, new FaxSessionOptions(), r => sent = r);
        using var receiver = new FaxReceiver(received, new FaxSessionOptions());
        var line = new G711FaxLine(transmitter, receiver) { CutAfter = TimeSpan.FromSeconds(20) }; // after training, during page 1

        Assert.True(line.Run(TimeSpan.FromMinutes(5)), "the sender never gave up");

        output.WriteLine($"line time {line.Elapsed}; sender: {sent}");
        var result = transmitter.ToFaxResult(sent!);
        Assert.Equal(FaxOutcome.Failed, result.Outcome);
        Assert.Equal(0, result.PagesSent);
        Assert.NotEqual(0, result.ResultCode);
    }

    [Fact]
    public void Transmit_ReceiverGoneOnSecondPage_ReportsPartiallySent()
    {
        var received = Path.Combine(TestDocuments.NewFolder(), "received.tif");
        FaxSessionResult? sent = null;
        using var transmitter = new FaxTransmitter(TestDocuments.ThreePages, new FaxSessionOptions(), r => sent = r);
        using var receiver = new FaxReceiver(received, new FaxSessionOptions());
        var line = new G711FaxLine(transmitter, receiver) { CutAfter = PageTwoStarts };

        Assert.True(line.Run(TimeSpan.FromMinutes(5)), "the sender never gave up");

        output.WriteLine($"line time {line.Elapsed}; sender: {sent}");
        var result = transmitter.ToFaxResult(sent!);
        Assert.Equal(FaxOutcome.PartiallySent, result.Outcome);
        Assert.Equal((1, 3), (result.PagesSent, result.PagesTotal));
    }

    [Fact]
    public void Hangup_BeforeTheEnd_ReportsTheDroppedCallOnce()
    {
        var reports = 0;
        FaxSessionResult? sent = null;
        using var transmitter = new FaxTransmitter(TestDocuments.ThreePages, new FaxSessionOptions(), r => { sent = r; reports++; });
        using var receiver = new FaxReceiver(Path.Combine(TestDocuments.NewFolder(), "received.tif"), new FaxSessionOptions());
        new G711FaxLine(transmitter, receiver).Run(TimeSpan.FromSeconds(3));

        transmitter.Hangup();
        transmitter.Hangup();
        transmitter.Transmit(new short[160]);

        Assert.Equal(1, reports);
        Assert.Equal(FaxSessionResult.CallDropped, sent!.CompletionCode);
        Assert.Equal(FaxOutcome.Failed, transmitter.ToFaxResult(sent).Outcome);
    }

    /// <summary>Line time by which page 1 was confirmed and page 2 is on its way (with ECM at 14 400 bit/s page 1 is confirmed
    /// at about 31 s, page 2 at about 52 s, the call ends at 69 s).</summary>
    private static readonly TimeSpan PageTwoStarts = TimeSpan.FromSeconds(40);
}
