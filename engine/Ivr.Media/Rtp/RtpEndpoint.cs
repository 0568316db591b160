using System.Net;
using System.Net.Sockets;
using Ivr.Media.Rtp.Receiving;
using Ivr.Media.Srtp;
using Ivr.Native;

namespace Ivr.Media.Rtp;

/// <summary>
/// One call's RTP socket: bound to a local UDP port, receiving into preallocated buffers, parsing
/// in place (<see cref="RtpPacket"/>), latching on the first admitted packet's source
/// (<see cref="SymmetricRtpLatch"/>: once <see cref="SymmetricRtpLatch.Restrict"/>ed, only the SDP's address or the
/// signalling source; strangers dropped and counted), and sending to the latched address — or, until something
/// arrives, to the address the SDP gave (<see cref="SetRemote"/>).
/// With <see cref="UseSrtp"/> every packet passes the <see cref="SrtpTransform"/> at one point each way: protected in
/// the send buffer just before the socket, unprotected in the receive buffer just before parsing.
/// Neither receiving nor sending allocates per packet. On Linux the endpoint receives on the process's shared receive
/// threads (<see cref="RtpReceiveThreads"/>: <c>io_uring</c>, else <c>epoll</c> + <c>recvmmsg</c>; the handler called on
/// that thread);
/// elsewhere on its own <c>ReceiveFromAsync</c> loop. On Linux a datagram leaves through libc's <c>sendto</c>
/// (<see cref="NativeSendTo"/>), which never blocks the pacing thread — or, once latched, <c>send</c> on the socket
/// connected to the latched address (<see cref="ConnectedToRemote"/>: the kernel then drops strangers unread).
/// </summary>
public sealed class RtpEndpoint : IDisposable
{
    private const int MaxPacket = 1500;

    private readonly Socket _socket;
    private readonly SafeSocketHandle _handle; // the socket's, kept here: a send reads no Socket object
    private byte[]? _sendBuffer; // SRTP's: made with the first transform (a plain RTP call keeps none)
    private SrtpTransform? _srtp;
    private SocketAddress? _sdpRemote;
    private readonly Lock _connecting = new(); // a connect on latching against a relatch's disconnect (rare, both)
    private readonly bool _connectable; // bound to a port asked for (Linux unbinds a port the kernel chose when it disconnects)
    private SocketAddress? _connectedTo; // the latched address once the socket is connected to it
    private SocketAddress? _connectTriedFor; // the latch a connect was last tried for (the receiving thread's, under the lock)
    private long _invalid;
    private long _sendFailures;
    private int _receiving;
    private int _disposed;
    private RtpReceiver? _receiver;

    /// <summary>Binds <paramref name="local"/> (port 0: any free port); throws <see cref="SocketException"/> when it cannot.</summary>
    public RtpEndpoint(IPEndPoint local)
        : this(BindOrThrow(local), portGiven: local.Port != 0)
    {
    }

    private RtpEndpoint(Socket bound, bool portGiven)
    {
        _socket = bound;
        _handle = bound.SafeHandle;
        _connectable = portGiven;
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        Latch = new SymmetricRtpLatch(LocalEndPoint.AddressFamily);
    }

    /// <summary>An endpoint on <paramref name="local"/>'s port, or null when that port is taken or cannot be bound — no
    /// exception thrown on Linux (<see cref="UdpPortBinder"/>), so a port pool may try ports cheaply.</summary>
    public static RtpEndpoint? TryOpen(IPEndPoint local)
    {
        ArgumentNullException.ThrowIfNull(local);
        return UdpPortBinder.TryBind(local) is { } socket ? new RtpEndpoint(socket, portGiven: local.Port != 0) : null;
    }

    public IPEndPoint LocalEndPoint { get; }

    public SymmetricRtpLatch Latch { get; }

    /// <summary>Datagrams that were not RTP (bad version, truncated, RTCP...).</summary>
    public long InvalidPackets => Interlocked.Read(ref _invalid);

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>True once the socket is connected to the latched address (Linux, an endpoint opened on a given port): sends
    /// skip the route lookup, and the kernel drops other sources' datagrams before they are read.</summary>
    public bool ConnectedToRemote => Volatile.Read(ref _connectedTo) is not null;

    /// <summary>The remote media address from the SDP: used for sending until the latch has an address, and admitted by a restricted latch.</summary>
    public void SetRemote(IPEndPoint remote)
    {
        Volatile.Write(ref _sdpRemote, Latch.Offer(remote)); // one address for both (the latch's, in the socket's family)
    }

    /// <summary>The SRTP transform of the call (RFC 3711), or null for plain RTP; set before media flows.</summary>
    public SrtpTransform? Srtp => Volatile.Read(ref _srtp);

    /// <summary>Protects everything sent and unprotects everything received from now on (null: plain RTP again).</summary>
    public void UseSrtp(SrtpTransform? transform)
    {
        if (transform is not null) Interlocked.CompareExchange(ref _sendBuffer, new byte[MaxPacket], null);
        Volatile.Write(ref _srtp, transform);
    }

    /// <summary>Sends one packet; false when there is nowhere to send yet or the socket refused it.</summary>
    public bool Send(ReadOnlySpan<byte> packet)
    {
        var target = Latch.Address ?? Volatile.Read(ref _sdpRemote);
        if (target is null) return false;
        try
        {
            if (Srtp is { } srtp) return SendProtected(srtp, packet, target);
            return SendDatagram(packet, target);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _sendFailures);
            return false;
        }
    }

    /// <summary>Receives until cancelled or disposed, calling <paramref name="onPacket"/> for each valid
    /// packet from the remote (never after <see cref="Dispose"/> or cancellation has returned, except a packet already
    /// in the handler). One receiver per endpoint; an exception from the handler ends receiving and faults the task
    /// (a bug to see, not to hide).</summary>
    public Task ReceiveAsync(RtpPacketHandler onPacket, CancellationToken cancellationToken) =>
        ReceiveAsync(onPacket, RtpReceiveThreads.Shared, cancellationToken);

    /// <summary>As <see cref="ReceiveAsync(RtpPacketHandler, CancellationToken)"/> on the given receive threads (null: this endpoint's own managed loop).</summary>
    internal Task ReceiveAsync(RtpPacketHandler onPacket, RtpReceiveThreads? threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onPacket);
        if (Interlocked.Exchange(ref _receiving, 1) == 1) throw new InvalidOperationException("this endpoint is already receiving; one receive loop per endpoint");
        if (threads is null) return ReceiveLoopAsync(onPacket, cancellationToken);
        var receiver = new RtpReceiver(this, _socket, onPacket);
        Interlocked.Exchange(ref _receiver, receiver);
        threads.Add(receiver, cancellationToken);
        // A thread holds the socket open while the receiver is on it, and a socket's Dispose waits for what holds it:
        // a Dispose that came before the receiver was published cannot have stopped it, so it is stopped here (the
        // writes and reads of _receiver and _disposed are full fences: one side at least sees the other).
        if (Volatile.Read(ref _disposed) == 1) receiver.Stop();
        return receiver.Completion;
    }

    /// <summary>For a test or benchmark that drives <see cref="RtpReceiver.Drain"/> itself: the receiver, on no thread.</summary>
    internal RtpReceiver CreateReceiver(RtpPacketHandler onPacket) => new(this, _socket, onPacket);

    /// <summary>Handles one received datagram in place: SRTP, parsing, the latch, then <paramref name="onPacket"/>.</summary>
    internal void Deliver(Span<byte> datagram, SocketAddress source, RtpPacketHandler onPacket)
    {
        var length = datagram.Length;
        if (Srtp is { } srtp && (length = srtp.Unprotect(datagram, length)) < 0) return;
        if (RtpPacket.TryParse(datagram[..length], out var packet) != RtpPacketError.None)
        {
            Interlocked.Increment(ref _invalid);
            return;
        }

        if (!Latch.Accept(source)) return;
        if (!ReferenceEquals(Latch.Address, _connectTriedFor)) ConnectToLatched(); // once per latch (each latch is a new copy)
        onPacket(packet);
    }

    /// <summary>
    /// Once latched, the socket is <c>connect</c>ed to the latched address (Linux; on the receiving thread, once per
    /// latch): each datagram sent then skips the kernel's route lookup, which <c>sendto</c> pays every time
    /// (<c>tools/bench/rtp-send-uring.c</c>: a connected send ~12 % cheaper). The latch admits no one else anyway, so
    /// the kernel's filter that comes with it loses nothing — but the strangers it drops are never read, so no longer
    /// counted in <see cref="SymmetricRtpLatch.StrangerPacketsDropped"/> (those before the latch still are).
    /// Only an endpoint bound to a port it asked for (every call's, from the port pool): Linux's disconnect on a relatch
    /// takes back a port the kernel chose at bind time (port 0), and the socket would hear nothing more.
    /// </summary>
    private void ConnectToLatched()
    {
        lock (_connecting)
        {
            var latched = Latch.Address; // under the lock: a relatch cannot come between this read and the connect
            _connectTriedFor = latched;
            if (_connectable && latched is not null && UdpPortBinder.TryConnect(_socket, latched)) Volatile.Write(ref _connectedTo, latched);
        }
    }

    /// <summary>The remote moved (a re-INVITE): the socket is disconnected and the latch forgets its address, so the
    /// next admitted source latches (and is connected to) instead. A datagram the pacing thread sends at that moment
    /// may be refused (counted in <see cref="SendFailures"/>).</summary>
    public void Relatch()
    {
        lock (_connecting)
        {
            if (Volatile.Read(ref _connectedTo) is not null)
            {
                Volatile.Write(ref _connectedTo, null); // sends go back to sendto before the socket loses its peer
                UdpPortBinder.TryDisconnect(_socket);
            }

            Latch.Reset();
        }
    }

    private static Socket BindOrThrow(IPEndPoint local)
    {
        ArgumentNullException.ThrowIfNull(local);
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(local);
            return socket;
        }
        catch
        {
            socket.Dispose(); // a port held by another process: closed now, not left to the finalizer thread
            throw;
        }
    }

    /// <summary>Stops receiving and closes the socket — at once, or, where a receive thread still uses the socket (a
    /// drain reading it, a request in the kernel), as soon as that thread lets it go: Dispose itself never waits for it,
    /// so it may even be called from this endpoint's own packet handler.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        var receiver = Volatile.Read(ref _receiver);
        if (receiver is null)
        {
            _socket.Dispose(); // waits for a receiver that took the socket unseen: ReceiveAsync stops it (the fence there)
            return;
        }

        var threadCloses = receiver.CloseSocketWhenReleased();
        receiver.Stop(); // off its receive thread while the socket is still open
        if (!threadCloses) _socket.Dispose();
    }

    /// <summary>This endpoint's own loop (where the shared receive threads are not available).</summary>
    private async Task ReceiveLoopAsync(RtpPacketHandler onPacket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxPacket];
        var source = new SocketAddress(LocalEndPoint.AddressFamily); // the loop's own: the shared threads keep theirs
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, source, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize)
            {
                continue; // ICMP port unreachable from an earlier send (reported on a connected socket), or an oversize datagram
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                return;
            }

            Deliver(buffer.AsSpan(0, length), source, onPacket);
        }
    }

    /// <summary>Copies into the send buffer, protects there, sends (the buffer is locked: a bridge may send from another thread).</summary>
    private bool SendProtected(SrtpTransform srtp, ReadOnlySpan<byte> packet, SocketAddress target)
    {
        var buffer = Volatile.Read(ref _sendBuffer)!; // made before the transform was published
        lock (buffer)
        {
            if (packet.Length + srtp.Overhead > buffer.Length) return false;
            packet.CopyTo(buffer);
            var length = srtp.Protect(buffer, packet.Length);
            if (length < 0) return false;
            return SendDatagram(buffer.AsSpan(0, length), target);
        }
    }

    /// <summary>libc's <c>sendto</c> where it answers (<see cref="NativeSendTo"/>: never blocks, a refusal is counted), else the managed send.</summary>
    private bool SendDatagram(ReadOnlySpan<byte> datagram, SocketAddress target)
    {
        if (!NativeSendTo.IsSupported)
        {
            _socket.SendTo(datagram, SocketFlags.None, target);
            return true;
        }

        var sent = ReferenceEquals(target, Volatile.Read(ref _connectedTo))
            ? NativeSendTo.TrySendConnected(_handle, datagram)
            : NativeSendTo.TrySend(_handle, datagram, target);
        if (sent) return true;
        Interlocked.Increment(ref _sendFailures);
        return false;
    }
}
