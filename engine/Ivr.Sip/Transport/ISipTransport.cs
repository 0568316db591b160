using System.Net;

namespace Ivr.Sip.Transport;

/// <summary>
/// A bound SIP transport (RFC 3261 §18). It delivers whole messages — datagrams, or messages framed out of
/// a stream — to the receiver given to <see cref="Start"/>, and sends bytes; it knows nothing of
/// transactions. A delivered message is valid only during the receiver's call (the transport may reuse its
/// buffer): a receiver that keeps it copies it. Send never throws for network errors: they are logged.
/// </summary>
public interface ISipTransport : IAsyncDisposable
{
    SipTransportKind Kind { get; }

    IPEndPoint LocalEndPoint { get; }

    void Start(Action<ReadOnlyMemory<byte>, SipEndPoint> onMessage);

    void Send(IPEndPoint remote, ReadOnlyMemory<byte> data);
}
