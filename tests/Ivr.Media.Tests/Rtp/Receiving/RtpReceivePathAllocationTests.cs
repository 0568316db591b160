using Ivr.Media.Benchmarks;
using Ivr.Media.Rtp.Receiving;
using Ivr.Media.Tests.Support;

namespace Ivr.Media.Tests.Rtp.Receiving;

/// <summary>Issue 13: no allocation per received packet, SRTP and DTMF detection included (the benchmark's path, on this thread).</summary>
public class RtpReceivePathAllocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TenThousandPackets_AfterWarmUp_AllocateNothing(bool srtp)
    {
        if (!LinuxUdp.Available) return; // the shared receive threads' path exists on 64-bit Linux only
        using var path = new RtpReceivePath(srtp);
        path.SendAndReceive(2_000);

        var allocated = Allocations.Of(() => path.SendAndReceive(10_000), runs: 2);

        Assert.Equal(0, allocated);
        Assert.Equal(path.PacketsSent, path.PacketsReceived);
        Assert.True(path.Rfc4733Keys >= 30, $"{path.Rfc4733Keys} RFC 4733 keys: the events did not reach the detector");
        Assert.True(path.InBandKeys >= 30, $"{path.InBandKeys} in-band keys: the tones did not reach the detector");
    }
}
