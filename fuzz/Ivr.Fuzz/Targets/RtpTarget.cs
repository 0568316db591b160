using Ivr.Media.Dtmf;
using Ivr.Media.Rtp;

namespace Ivr.Fuzz.Targets;

/// <summary>
/// RTP (RFC 3550 §5.1) and telephone-events (RFC 4733 §2.3): the input is a run of packets, each preceded by
/// one length byte, parsed as RTP and, whatever the payload type, fed to one RFC 4733 receiver as a call
/// would. A parsed event must write out to the same four octets (the reserved R bit cleared).
/// </summary>
public sealed class RtpTarget : IFuzzTarget
{
    public string Name => "rtp";

    public IReadOnlyList<string> Assemblies => ["Ivr.Media.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        var receiver = new Rfc4733Receiver();
        while (input.Length > 0)
        {
            var length = Math.Min(input[0], input.Length - 1);
            var packet = input.Slice(1, length);
            input = input[(1 + length)..];
            if (RtpPacket.TryParse(packet, out var parsed) != RtpPacketError.None) continue;
            _ = receiver.Receive(parsed.Header, parsed.Payload);
            if (!Rfc4733Event.TryParse(parsed.Payload, out var value)) continue;
            Span<byte> written = stackalloc byte[Rfc4733Event.Length];
            value.WriteTo(written);
            var read = parsed.Payload;
            if (written[0] != read[0] || written[1] != (read[1] & 0xBF) || !written[2..].SequenceEqual(read[2..Rfc4733Event.Length]))
                throw new InvalidOperationException("an RFC 4733 event does not write out as it was read");
        }
    }
}
