using System.Net;
using Ivr.Media.Rtp;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// What the latching check costs on the RTP receive path (issue 14): per packet, parse it in place
/// (<see cref="RtpPacket.TryParse"/>) and ask the latch (<see cref="SymmetricRtpLatch.Accept"/>), as
/// <c>RtpEndpoint</c> does for every datagram. Cases: no check at all (parse only); the old unrestricted latch once
/// latched; the restricted latch (SDP address + signalling IP) once latched — the steady state of every call; a
/// stranger dropped before latching (the restricted latch's slow path: the offered address, then the signalling
/// IP's bytes). Timed by process CPU time, best of 7 rounds, ns per packet.
/// </summary>
internal static class RtpReceiveCost
{
    public static void Print(TextWriter output, int rounds = 7, int packets = 5_000_000)
    {
        var datagram = new byte[RtpHeader.FixedLength + 160];
        new RtpHeader(0, 1, 160, 0x1234).WriteTo(datagram);
        var caller = IPEndPoint.Parse("10.0.0.1:4000").Serialize();
        var stranger = IPEndPoint.Parse("10.6.6.6:4000").Serialize();

        var unrestricted = new SymmetricRtpLatch();
        unrestricted.Accept(caller);
        var restricted = new SymmetricRtpLatch();
        restricted.Restrict(IPAddress.Parse("10.0.0.1"));
        restricted.Offer(IPEndPoint.Parse("192.168.1.20:4000"));
        restricted.Accept(caller);
        var waiting = new SymmetricRtpLatch();
        waiting.Restrict(IPAddress.Parse("10.0.0.1"));
        waiting.Offer(IPEndPoint.Parse("192.168.1.20:4000"));

        (string Name, Func<bool> Run)[] cases =
        [
            ("parse only", () => RtpPacket.TryParse(datagram, out _) == RtpPacketError.None),
            ("parse + latched (old)", () => RtpPacket.TryParse(datagram, out _) == RtpPacketError.None && unrestricted.Accept(caller)),
            ("parse + latched (restricted)", () => RtpPacket.TryParse(datagram, out _) == RtpPacketError.None && restricted.Accept(caller)),
            ("parse + stranger, not latched", () => RtpPacket.TryParse(datagram, out _) == RtpPacketError.None && waiting.Accept(stranger)),
        ];
        var best = CpuTimeRounds.Best(cases, rounds, packets);

        output.WriteLine($"CPU time per received RTP packet, best of {rounds} rounds of {packets:N0}:");
        foreach (var (name, _) in cases) output.WriteLine($"  {name,-30} {best[name],6:F1} ns");
    }
}
