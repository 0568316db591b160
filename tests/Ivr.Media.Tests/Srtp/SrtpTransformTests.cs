using System.Security.Cryptography;
using Ivr.Media.Rtp;
using Ivr.Media.Srtp;

namespace Ivr.Media.Tests.Srtp;

public class SrtpTransformTests
{
    private static readonly byte[] OurKey = RandomNumberGenerator.GetBytes(30);
    private static readonly byte[] TheirKey = RandomNumberGenerator.GetBytes(30);

    /// <summary>The peer's side: protects with its key what we unprotect with the same key.</summary>
    private static (SrtpTransform Us, SrtpTransform Peer) Pair(SrtpSuite suite = SrtpSuite.AesCm128HmacSha1With80) =>
        (new SrtpTransform(suite, OurKey, TheirKey), new SrtpTransform(suite, TheirKey, OurKey));

    private static byte[] Packet(ushort sequence, uint ssrc = 0x1234, byte fill = 0x55)
    {
        var buffer = new byte[1500];
        new RtpHeader(0, sequence, sequence * 160u, ssrc).WriteTo(buffer);
        buffer.AsSpan(12, 160).Fill(fill);
        return buffer;
    }

    private static int Sent(SrtpTransform sender, byte[] buffer) => sender.Protect(buffer, 172);

    [Theory]
    [InlineData(SrtpSuite.AesCm128HmacSha1With80, 10)]
    [InlineData(SrtpSuite.AesCm128HmacSha1With32, 4)]
    public void Unprotect_RestoresWhatThePeerProtected(SrtpSuite suite, int tag)
    {
        var (us, peer) = Pair(suite);
        var buffer = Packet(7);

        var length = Sent(peer, buffer);
        Assert.Equal(172 + tag, length);
        Assert.NotEqual(0x55, buffer[20]); // the payload is encrypted
        Assert.Equal(172, us.Unprotect(buffer, length));
        Assert.All(buffer.AsSpan(12, 160).ToArray(), b => Assert.Equal(0x55, b));
    }

    [Fact]
    public void Unprotect_DropsATamperedPacketAndCountsIt()
    {
        var (us, peer) = Pair();
        var buffer = Packet(7);
        var length = Sent(peer, buffer);
        buffer[30] ^= 1;

        Assert.Equal(-1, us.Unprotect(buffer, length));
        Assert.Equal(1, us.Unauthenticated);
    }

    [Fact]
    public void Unprotect_DropsAPacketProtectedWithAnotherKey()
    {
        var (us, _) = Pair();
        var stranger = new SrtpTransform(SrtpSuite.AesCm128HmacSha1With80, RandomNumberGenerator.GetBytes(30), OurKey);
        var buffer = Packet(7);

        Assert.Equal(-1, us.Unprotect(buffer, Sent(stranger, buffer)));
    }

    [Fact]
    public void Unprotect_RefusesAReplayButTakesLateOnesInsideTheWindow()
    {
        var (us, peer) = Pair();
        var packets = Enumerable.Range(100, 5).Select(s => { var p = Packet((ushort)s); return (p, Sent(peer, p)); }).ToList();
        var copyOfFirst = (byte[])packets[0].p.Clone();

        Assert.Equal(172, us.Unprotect(packets[4].p, packets[4].Item2)); // 104 first
        Assert.Equal(172, us.Unprotect(packets[0].p, packets[0].Item2)); // 100 late, inside the window
        Assert.Equal(-1, us.Unprotect(copyOfFirst, packets[0].Item2)); // 100 again
        Assert.Equal(1, us.Replayed);
    }

    [Fact]
    public void Unprotect_RefusesAPacketOlderThanTheWindow()
    {
        var (us, peer) = Pair();
        var old = Packet(10);
        var oldLength = Sent(peer, old);
        var recent = Packet(10 + SrtpReplayWindow.Size);

        Assert.Equal(172, us.Unprotect(recent, Sent(peer, recent)));
        Assert.Equal(-1, us.Unprotect(old, oldLength));
        Assert.Equal(1, us.Replayed);
    }

    [Fact]
    public void ProtectAndUnprotect_FollowTheRolloverCounterAcrossTheSequenceWrap()
    {
        var (us, peer) = Pair();
        foreach (var sequence in new ushort[] { 65534, 65535, 0, 1 })
        {
            var buffer = Packet(sequence, fill: (byte)sequence);
            Assert.Equal(172, us.Unprotect(buffer, Sent(peer, buffer)));
            Assert.Equal((byte)sequence, buffer[12]);
        }
    }

    [Fact]
    public void Unprotect_AForgedPacketWithANewSsrcDoesNotResetTheReplayWindow()
    {
        var (us, peer) = Pair();
        var first = Packet(500);
        var firstLength = Sent(peer, first);
        var replay = (byte[])first.Clone();
        Assert.Equal(172, us.Unprotect(first, firstLength));

        var forged = Packet(1, ssrc: 0xBAD);
        Assert.Equal(-1, us.Unprotect(forged, 182));
        Assert.Equal(-1, us.Unprotect(replay, firstLength));
        Assert.Equal(1, us.Replayed);
    }

    [Fact]
    public void ProtectAndUnprotect_AllocateNothingPerPacket()
    {
        var (us, peer) = Pair();
        var buffer = Packet(1);
        for (var i = 0; i < 10; i++) Assert.Equal(172, Roundtrip((ushort)(1 + i))); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var restored = 0;
        for (var i = 0; i < 1000; i++) restored += Roundtrip((ushort)(20 + i)) == 172 ? 1 : 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, restored);
        Assert.True(allocated < 1000, $"{allocated} bytes allocated for 1000 packets");

        int Roundtrip(ushort sequence)
        {
            new RtpHeader(0, sequence, sequence * 160u, 0x1234).WriteTo(buffer);
            return us.Unprotect(buffer, peer.Protect(buffer, 172));
        }
    }
}
