namespace Ivr.Sip.Transport;

/// <summary>
/// What the UDP receive thread asks before it keeps a datagram (nothing parsed, nothing copied yet), and what it tells
/// when it has to drop one later; implemented by the stack's inbound gate, which counts and logs every drop.
/// </summary>
public interface IDatagramAdmission
{
    /// <summary>True when a datagram from <paramref name="source"/> may be kept, with <paramref name="waiting"/> kept ones not yet delivered.</summary>
    bool Admit(SipEndPoint source, int waiting);

    /// <summary>An admitted datagram from <paramref name="source"/> was dropped for <paramref name="reason"/>.</summary>
    void Dropped(SipEndPoint source, DatagramDrop reason);
}

/// <summary>Why the UDP transport dropped an admitted datagram.</summary>
public enum DatagramDrop
{
    /// <summary>Its source already had <see cref="FairDatagramQueue.PerSourceLimit"/> datagrams waiting.</summary>
    SourceBacklog,

    /// <summary>All sources together had the queue's limit of datagrams or bytes waiting.</summary>
    Backlog,
}
