using Ivr.Tests.Shared;

namespace Ivr.Host.Tests.Ports;

/// <summary>RTP blocks (tests/Shared/FreeUdpPorts.cs) stay where they are asked for, but out of the band
/// <see cref="FreePorts"/> hands to servers not yet started.</summary>
public sealed class FreeUdpPortsTests
{
    [Fact]
    public void Block_AroundTheBand_NeverTouchesIt()
    {
        for (var draw = 0; draw < 100; draw++)
        {
            var first = FreeUdpPorts.Block(4, 29000, 34000);

            Assert.InRange(first, 29000, 33996);
            Assert.True(first + 4 <= FreePorts.Low || first >= FreePorts.High, $"block {first}-{first + 3} lies in the band");
            Assert.Equal(0, first % 2);
        }
    }

    [Fact]
    public void Block_OnlyInTheBand_Throws()
    {
        var none = Assert.Throws<InvalidOperationException>(() => FreeUdpPorts.Block(4, 30100, 30200, attempts: 20));

        Assert.Equal("no 4 free loopback UDP ports in 30100-30199 outside 30000-32767", none.Message);
    }
}
