using System.Net;

namespace Ivr.Telephony.Calls;

/// <summary>A call's real RTP socket (<see cref="RtpEndpoint"/>, symmetric RTP latching) as an <see cref="IRtpTransport"/>.</summary>
internal sealed class RtpEndpointTransport : IRtpTransport
{
    private readonly RtpEndpoint _endpoint;

    /// <summary>Takes the socket and restricts its latch: only the SDP's address, or any port of <paramref name="signallingAddress"/>
    /// (the SIP peer's IP; null when symmetric RTP is off).</summary>
    public RtpEndpointTransport(RtpEndpoint endpoint, IPAddress? signallingAddress)
    {
        _endpoint = endpoint;
        endpoint.Latch.Restrict(signallingAddress);
        LocalPort = endpoint.LocalEndPoint.Port;
    }

    public int LocalPort { get; }

    public void SetRemote(IPEndPoint remote) => _endpoint.SetRemote(remote);

    public void Relatch() => _endpoint.Relatch();

    public long StrangerPackets => _endpoint.Latch.StrangerPacketsDropped;

    public bool Send(ReadOnlySpan<byte> packet) => _endpoint.Send(packet);

    /// <summary>No token: disposing the endpoint stops its receiver (a token per call was a source, a registration and
    /// its node, ~190 B of every held call's state).</summary>
    public Task ReceiveAsync(RtpPacketHandler onPacket) => _endpoint.ReceiveAsync(onPacket, CancellationToken.None);

    public void Dispose() => _endpoint.Dispose();
}
