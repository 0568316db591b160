using System.Net;
using System.Net.Sockets;
using Ivr.Native;

namespace Ivr.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18.1.1, §18.2.1): one socket, one datagram = one message, two threads. The receive thread
/// only empties the socket (recvmmsg batches where the kernel has it), asks the admission (a per-source budget on the
/// cached source, no parse, no copy) and copies what it admits into a <see cref="FairDatagramQueue"/>; the delivery
/// thread hands datagrams to the receiver round-robin by source. Parsing and SIP work never hold up the socket, so the
/// kernel's receive buffer (<see cref="ReceiveBufferBytes"/>) overflows only when receiving itself cannot keep up; the
/// receive thread runs at a raised priority (<see cref="ReceiveThreadNice"/>) where permitted, its work per datagram being
/// small and bounded.
/// </summary>
public sealed class UdpSipTransport : ISipTransport
{
    /// <summary>The receive buffer asked for: about 100 ms of a 60,000 datagrams/s flood of 1,400-byte datagrams.</summary>
    public const int RequestedReceiveBuffer = 16 << 20;

    /// <summary>The receive thread's nice value where the process may raise it (CAP_SYS_NICE).</summary>
    public const int ReceiveThreadNice = -10;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly Socket _socket;
    private readonly ISipLog _log;
    private readonly FairDatagramQueue _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _receiving;
    private Thread? _delivering;

    private UdpSipTransport(Socket socket, ISipLog log)
    {
        _socket = socket;
        _log = log;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        ReceiveBufferBytes = socket.ReceiveBufferSize;
    }

    public SipTransportKind Kind => SipTransportKind.Udp;

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The socket's receive buffer as the kernel granted it (Linux reports twice the payload room it grants).</summary>
    public int ReceiveBufferBytes { get; }

    /// <summary>Binds the socket (port 0 picks a free port); receiving starts with <see cref="Start(Action{ReadOnlyMemory{byte}, SipEndPoint})"/>.</summary>
    public static UdpSipTransport Bind(IPEndPoint local, ISipLog? log = null)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            UdpReceiveBuffer.Enlarge(socket, RequestedReceiveBuffer);
            socket.ReceiveTimeout = (int)Poll.TotalMilliseconds;
            socket.Bind(local);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new UdpSipTransport(socket, log ?? NullSipLog.Instance);
    }

    /// <summary>Starts receiving; every datagram is kept (tests, tools).</summary>
    public void Start(Action<ReadOnlyMemory<byte>, SipEndPoint> onMessage) => Start(onMessage, AdmitAll.Instance);

    /// <summary>Starts receiving: <paramref name="admission"/> is asked on the receive thread before a datagram is copied.</summary>
    public void Start(Action<ReadOnlyMemory<byte>, SipEndPoint> onMessage, IDatagramAdmission admission)
    {
        _log.Info($"UDP receive buffer of {LocalEndPoint}: asked {RequestedReceiveBuffer >> 20} MiB, the kernel granted {ReceiveBufferBytes / 1024} KiB" +
            (RecvMmsgReader.IsSupported ? "; recvmmsg batches" : ""));
        _delivering = StartThread("SIP UDP delivery", () => DeliverLoop(onMessage, _stop.Token));
        _receiving = StartThread("SIP UDP receive", () => ReceiveLoop(admission, _stop.Token));
    }

    /// <summary>Sends one datagram: libc's <c>sendto</c> where it answers (<see cref="NativeSendTo"/>: no exception plumbing, no
    /// allocation), else — another platform, a full send buffer, an address family the socket does not take — the managed send.</summary>
    public void Send(IPEndPoint remote, ReadOnlyMemory<byte> data)
    {
        if (NativeSendTo.IsSupported && NativeSendTo.TrySend(_socket.SafeHandle, data.Span, remote)) return;
        try
        {
            _socket.SendTo(data.Span, SocketFlags.None, remote);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _log.Warning($"UDP send to {remote} failed: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        WakeReceiver();
        _queue.Wake();
        await Task.Run(() =>
        {
            _receiving?.Join();
            _delivering?.Join();
        }).ConfigureAwait(false);
        _queue.Clear();
        _socket.Dispose();
        _stop.Dispose();
    }

    /// <summary>An empty datagram to ourselves, so a receive thread waiting for the socket sees the stop at once.</summary>
    private void WakeReceiver()
    {
        var self = LocalEndPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : LocalEndPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : LocalEndPoint.Address;
        Send(new IPEndPoint(self, LocalEndPoint.Port), ReadOnlyMemory<byte>.Empty);
    }

    private static Thread StartThread(string name, Action loop)
    {
        var thread = new Thread(() => loop()) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    private void ReceiveLoop(IDatagramAdmission admission, CancellationToken cancellationToken)
    {
        if (!Ivr.Native.NativeThreadPriority.TrySetNice(ReceiveThreadNice))
            _log.Info($"UDP receive thread at normal priority (nice {ReceiveThreadNice} needs CAP_SYS_NICE): on a busy machine a flood may overflow the socket sooner");
        using IUdpDatagramReader reader = RecvMmsgReader.IsSupported ? new RecvMmsgReader(_socket) : new ReceiveFromReader(_socket);
        var address = new SocketAddress(LocalEndPoint.AddressFamily);
        var sources = new UdpSourceCache();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var count = reader.Receive();
                for (var i = 0; i < count; i++)
                {
                    var raw = reader.Source(i);
                    address.Size = raw.Length;
                    raw.CopyTo(address.Buffer.Span);
                    var source = sources.Get(address, LocalEndPoint.AddressFamily);
                    if (!admission.Admit(source, _queue.Count)) continue;
                    if (_queue.TryAdd(reader.Datagram(i), source) is { } dropped) admission.Dropped(source, dropped);
                }
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested || ex is ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // ICMP port unreachable and similar: the socket stays usable.
                _log.Info($"UDP receive error ignored: {ex.SocketErrorCode}");
            }
            catch (Exception ex)
            {
                _log.Warning($"UDP receive failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private void DeliverLoop(Action<ReadOnlyMemory<byte>, SipEndPoint> onMessage, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!_queue.TryTake(Poll, out var datagram)) continue;
            using (datagram)
            {
                try
                {
                    onMessage(datagram.Data, datagram.Source);
                }
                catch (Exception ex)
                {
                    _log.Warning($"UDP message handling failed: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }
    }

    private sealed class AdmitAll : IDatagramAdmission
    {
        public static readonly AdmitAll Instance = new();

        public bool Admit(SipEndPoint source, int waiting) => true;

        public void Dropped(SipEndPoint source, DatagramDrop reason)
        {
        }
    }
}
