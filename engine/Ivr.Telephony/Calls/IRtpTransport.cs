using System.Net;

namespace Ivr.Telephony.Calls;

/// <summary>
/// What a <see cref="MediaLeg"/> needs of its RTP socket: send, receive, where to send. The real one is an
/// <see cref="RtpEndpoint"/> (<see cref="RtpEndpointTransport"/>); tests give a fake that records what was sent and
/// hands packets in on the test's thread, so a call's media logic runs without sockets.
/// </summary>
internal interface IRtpTransport : IDisposable
{
    int LocalPort { get; }

    /// <summary>The remote media address from the SDP.</summary>
    void SetRemote(IPEndPoint remote);

    /// <summary>The remote moved (re-INVITE): forget the latched source and take the next one.</summary>
    void Relatch();

    /// <summary>Packets dropped because they came from neither the SDP's address nor the signalling source (after latching: not
    /// the latched one — on Linux the socket is then connected, and the kernel drops those unread and uncounted).</summary>
    long StrangerPackets { get; }

    /// <summary>Sends one packet; false when there is nowhere to send yet or the socket refused it.</summary>
    bool Send(ReadOnlySpan<byte> packet);

    /// <summary>Receives until disposed, calling <paramref name="onPacket"/> per valid packet; the task completes then.</summary>
    Task ReceiveAsync(RtpPacketHandler onPacket);
}
