using System.Net;
using System.Net.Sockets;

namespace Ivr.Media.Rtp;

/// <summary>
/// One call's RTP socket: bound to a local UDP port, receiving into one preallocated buffer, parsing
/// in place (<see cref="RtpPacket"/>), latching on the first admitted packet's source
/// (<see cref="SymmetricRtpLatch"/>: once <see cref="SymmetricRtpLatch.Restrict"/>ed, only the SDP's address or the
/// signalling source; strangers dropped and counted), and sending to the latched address — or, until something
/// arrives, to the address the SDP gave (<see cref="SetRemote"/>).
/// Neither receiving nor sending allocates per packet.
/// </summary>
public sealed class RtpEndpoint : IDisposable
{
    private const int MaxPacket = 1500;

    private readonly Socket _socket;
    private readonly byte[] _receiveBuffer = new byte[MaxPacket];
    private readonly SocketAddress _source;
    private SocketAddress? _sdpRemote;
    private long _invalid;
    private long _sendFailures;
    private int _receiving;

    public RtpEndpoint(IPEndPoint local)
    {
        ArgumentNullException.ThrowIfNull(local);
        _socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(local);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _source = new SocketAddress(local.AddressFamily);
        Latch = new SymmetricRtpLatch(local.AddressFamily);
    }

    public IPEndPoint LocalEndPoint { get; }

    public SymmetricRtpLatch Latch { get; }

    /// <summary>Datagrams that were not RTP (bad version, truncated, RTCP...).</summary>
    public long InvalidPackets => Interlocked.Read(ref _invalid);

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>The remote media address from the SDP: used for sending until the latch has an address, and admitted by a restricted latch.</summary>
    public void SetRemote(IPEndPoint remote)
    {
        Latch.Offer(remote);
        Volatile.Write(ref _sdpRemote, remote.Serialize());
    }

    /// <summary>Sends one packet; false when there is nowhere to send yet or the socket refused it.</summary>
    public bool Send(ReadOnlySpan<byte> packet)
    {
        var target = Latch.Address ?? Volatile.Read(ref _sdpRemote);
        if (target is null) return false;
        try
        {
            _socket.SendTo(packet, SocketFlags.None, target);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _sendFailures);
            return false;
        }
    }

    /// <summary>Receives until cancelled or disposed, calling <paramref name="onPacket"/> for each valid
    /// packet from the remote. One loop per endpoint; an exception from the handler ends the loop and
    /// faults the task (a bug to see, not to hide).</summary>
    public async Task ReceiveAsync(RtpPacketHandler onPacket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onPacket);
        if (Interlocked.Exchange(ref _receiving, 1) == 1) throw new InvalidOperationException("this endpoint is already receiving; one receive loop per endpoint");
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(_receiveBuffer, SocketFlags.None, _source, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue; // ICMP port unreachable from an earlier send, or an oversize datagram
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                return;
            }

            Dispatch(length, onPacket);
        }
    }

    public void Dispose() => _socket.Dispose();

    private void Dispatch(int length, RtpPacketHandler onPacket)
    {
        if (RtpPacket.TryParse(_receiveBuffer.AsSpan(0, length), out var packet) != RtpPacketError.None)
        {
            Interlocked.Increment(ref _invalid);
            return;
        }

        if (Latch.Accept(_source)) onPacket(packet);
    }
}
