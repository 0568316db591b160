using Ivr.Media.Rtp;
using Ivr.Media.Tests.Support;

namespace Ivr.Media.Tests.Rtp;

public class RtpPacketTests
{
    [Fact]
    public void TryParse_HandMadePacket_ReadsEveryField()
    {
        byte[] bytes = [0x80, 0x88, 0x12, 0x34, 0x00, 0x00, 0x00, 0xA0, 0xDE, 0xAD, 0xBE, 0xEF, 0xD5, 0xD5];
        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(bytes, out var packet));
        Assert.Equal(8, packet.Header.PayloadType);
        Assert.True(packet.Header.Marker);
        Assert.Equal(0x1234, packet.Header.SequenceNumber);
        Assert.Equal(160u, packet.Header.Timestamp);
        Assert.Equal(0xDEADBEEFu, packet.Header.Ssrc);
        Assert.False(packet.Header.Padding);
        Assert.False(packet.Header.Extension);
        Assert.Equal(0, packet.Header.CsrcCount);
        Assert.Equal(new byte[] { 0xD5, 0xD5 }, packet.Payload.ToArray());
    }

    [Fact]
    public void WriteTo_ThenTryParse_RoundTripsWithCsrcs()
    {
        var header = new RtpHeader(101, 65535, 0xFFFFFF00, 42, Marker: true);
        var buffer = new byte[64];
        var length = header.WriteTo(buffer, [7u, 9u]);
        Assert.Equal(20, length);
        buffer[20] = 0x05;

        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(buffer.AsSpan(0, 21), out var packet));
        Assert.Equal(header with { CsrcCount = 2 }, packet.Header);
        Assert.Equal(7u, packet.GetCsrc(0));
        Assert.Equal(9u, packet.GetCsrc(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Read(buffer.AsSpan(0, 21).ToArray(), 2));
        Assert.Equal(1, packet.Payload.Length);
    }

    [Fact]
    public void TryParse_Padding_RemovedFromPayload()
    {
        byte[] bytes = [0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xAA, 0xBB, 0, 0, 0, 3];
        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(bytes, out var packet));
        Assert.True(packet.Header.Padding);
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0 }, packet.Payload.ToArray());
    }

    [Fact]
    public void TryParse_Extension_ExposesProfileAndData()
    {
        byte[] bytes = [0x90, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0x00, 0x01, 1, 2, 3, 4, 0xFF];
        Assert.Equal(RtpPacketError.None, RtpPacket.TryParse(bytes, out var packet));
        Assert.Equal(0xBEDE, packet.ExtensionProfile);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, packet.ExtensionData.ToArray());
        Assert.Equal(new byte[] { 0xFF }, packet.Payload.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0 }, RtpPacketError.TooShort)]
    [InlineData(new byte[] { 0x40, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, RtpPacketError.BadVersion)]
    [InlineData(new byte[] { 0x80, 0xC8, 0, 6, 0, 0, 0, 0, 0, 0, 0, 1 }, RtpPacketError.Rtcp)]
    [InlineData(new byte[] { 0x83, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2 }, RtpPacketError.CsrcTruncated)]
    [InlineData(new byte[] { 0x90, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE }, RtpPacketError.ExtensionTruncated)]
    [InlineData(new byte[] { 0x90, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xBE, 0xDE, 0, 2, 1, 2, 3, 4 }, RtpPacketError.ExtensionTruncated)]
    [InlineData(new byte[] { 0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 7, 0 }, RtpPacketError.BadPadding)]
    [InlineData(new byte[] { 0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 7, 3 }, RtpPacketError.BadPadding)]
    public void TryParse_BadPacket_ReturnsReason(byte[] bytes, RtpPacketError expected)
    {
        Assert.Equal(expected, RtpPacket.TryParse(bytes, out var packet));
        Assert.Equal(default, packet.Header);
    }

    [Fact]
    public void WriteTo_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpHeader(128, 0, 0, 0).WriteTo(new byte[12]));
        Assert.Throws<ArgumentException>(() => new RtpHeader(0, 0, 0, 0).WriteTo(new byte[11]));
        Assert.Throws<ArgumentException>(() => new RtpHeader(0, 0, 0, 0).WriteTo(new byte[100], new uint[16]));
    }

    [Fact]
    public void TryParse_AllocatesNothing()
    {
        var buffer = new byte[172];
        new RtpHeader(0, 1, 2, 3).WriteTo(buffer);
        long sum = 0;
        var allocated = Allocations.Of(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                RtpPacket.TryParse(buffer, out var packet);
                sum += packet.Payload.Length;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(4 * 160_000, sum);
    }

    private static uint Read(byte[] bytes, int csrc)
    {
        RtpPacket.TryParse(bytes, out var packet);
        return packet.GetCsrc(csrc);
    }
}
