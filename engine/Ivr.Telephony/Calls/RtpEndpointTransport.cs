using System.Net;
using Ivr.Media.Rtp;

namespace Ivr.Telephony.Calls;

/// <summary>A call's real RTP socket (<see cref="RtpEndpoint"/>, symmetric RTP latching) as an <see cref="IRtpTransport"/>.</summary>
internal sealed class RtpEndpointTransport(RtpEndpoint endpoint) : IRtpTransport
{
    public int LocalPort { get; } = endpoint.LocalEndPoint.Port;

    public void SetRemote(IPEndPoint remote) => endpoint.SetRemote(remote);

    public void Relatch() => endpoint.Latch.Reset();

    public bool Send(ReadOnlySpan<byte> packet) => endpoint.Send(packet);

    public Task ReceiveAsync(RtpPacketHandler onPacket, CancellationToken cancellationToken) => endpoint.ReceiveAsync(onPacket, cancellationToken);

    public void Dispose() => endpoint.Dispose();
}
