namespace Ivr.Sip.Transport;

/// <summary>
/// Reads datagrams from a UDP socket in batches into buffers it owns (nothing allocated per datagram). A datagram and
/// its source address are valid until the next <see cref="Receive"/>. Used by one thread.
/// </summary>
internal interface IUdpDatagramReader : IDisposable
{
    /// <summary>
    /// Waits up to the socket's receive timeout for datagrams; returns how many were read (0 after the timeout or an
    /// interruption). Throws <see cref="System.Net.Sockets.SocketException"/> for other errors.
    /// </summary>
    int Receive();

    /// <summary>The bytes of datagram <paramref name="index"/> of the last batch.</summary>
    ReadOnlySpan<byte> Datagram(int index);

    /// <summary>The source of datagram <paramref name="index"/> as the raw socket address the kernel wrote.</summary>
    ReadOnlySpan<byte> Source(int index);
}
