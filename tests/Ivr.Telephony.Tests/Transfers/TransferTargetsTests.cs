using Ivr.Telephony.Transfers;

namespace Ivr.Telephony.Tests.Transfers;

public sealed class TransferTargetsTests
{
    [Fact]
    public void Find_ConfiguredQueue_ReturnsUriIgnoringCase()
    {
        var targets = new TransferTargets(new Dictionary<string, string> { ["general"] = "sip:agents-general@127.0.0.1:5070" });

        Assert.Equal("sip:agents-general@127.0.0.1:5070", targets.Find("General")!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), targets.NotifyTimeout);
    }

    [Fact]
    public void Find_UnknownQueue_Null()
    {
        var targets = new TransferTargets(new Dictionary<string, string> { ["general"] = "sip:agents-general@127.0.0.1:5070" });

        Assert.Null(targets.Find("pension"));
    }

    [Theory]
    [InlineData("not a uri")]
    [InlineData("tel:+8612333")]
    [InlineData("")]
    public void Constructor_BadUri_ThrowsNamingTheQueue(string uri)
    {
        var error = Assert.Throws<ArgumentException>(() => new TransferTargets(new Dictionary<string, string> { ["pension"] = uri }));

        Assert.Contains("pension", error.Message);
    }

    [Fact]
    public void Constructor_SameQueueTwiceInAnotherCase_Throws()
    {
        var queues = new Dictionary<string, string> { ["general"] = "sip:a@127.0.0.1", ["GENERAL"] = "sip:b@127.0.0.1" };

        Assert.Throws<ArgumentException>(() => new TransferTargets(queues));
    }

    [Fact]
    public void Constructor_NonPositiveTimeout_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransferTargets(new Dictionary<string, string>(), TimeSpan.Zero));

    [Fact]
    public void BridgeModes_DefaultFallback_UnlistedQueueRefused()
    {
        var queues = new Dictionary<string, string> { ["general"] = "sip:a@127.0.0.1", ["pension"] = "sip:p@127.0.0.1" };
        var targets = new TransferTargets(queues, bridging: new Dictionary<string, BridgeMode> { ["PENSION"] = BridgeMode.Never });

        Assert.Equal(BridgeMode.Fallback, targets.BridgeModeOf("general"));
        Assert.Equal(BridgeMode.Never, targets.BridgeModeOf("pension"));
        Assert.Equal(TimeSpan.FromSeconds(30), targets.BridgeRingTimeout);
        var error = Assert.Throws<ArgumentException>(() => new TransferTargets(queues, bridging: new Dictionary<string, BridgeMode> { ["cards"] = BridgeMode.Always }));
        Assert.Contains("'cards'", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransferTargets(queues, bridgeRingTimeout: TimeSpan.Zero));
    }
}
