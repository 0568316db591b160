using System.Net;
using System.Net.Sockets;
using Ivr.Sip.Sdp;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// The composition root of the SIP layer: binds the transports (UDP, TCP, and TLS when a certificate is given), builds the <see cref="SipEndpoint"/>
/// (transactions + UAS) on a <see cref="TransportMessageSender"/>, and connects the transports' receive
/// side to it. The transports never see the transaction layer.
/// </summary>
public sealed class SipStack : IAsyncDisposable
{
    private readonly IReadOnlyList<ISipTransport> _transports;

    private SipStack(IReadOnlyList<ISipTransport> transports, SipEndpoint endpoint, SipLocalAddress local)
    {
        _transports = transports;
        Endpoint = endpoint;
        LocalAddress = local;
    }

    public SipEndpoint Endpoint { get; }

    public SipLocalAddress LocalAddress { get; }

    public IPEndPoint? UdpEndPoint => _transports.FirstOrDefault(t => t.Kind == SipTransportKind.Udp)?.LocalEndPoint;

    public IPEndPoint? TcpEndPoint => _transports.FirstOrDefault(t => t.Kind == SipTransportKind.Tcp)?.LocalEndPoint;

    public IPEndPoint? TlsEndPoint => _transports.FirstOrDefault(t => t.Kind == SipTransportKind.Tls)?.LocalEndPoint;

    /// <summary>Places outbound calls from this stack's address.</summary>
    public SipCaller Caller => Endpoint.Caller;

    /// <summary>Whether new calls and OPTIONS are answered 503 (see <see cref="Drain"/>).</summary>
    public bool Draining => Endpoint.UserAgent.Draining;

    /// <summary>Binds and starts listening. Throws <see cref="SocketException"/> when the port is taken.</summary>
    public static SipStack Start(SipStackOptions options, ISipCallHandler handler, TimeProvider? time = null, ISipLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Start(options, _ => handler, time, log);
    }

    /// <summary>
    /// Binds, builds the calling side, then the inbound handler from it (<paramref name="handlerFor"/>: a handler that
    /// also dials takes the <see cref="SipCaller"/> in its constructor), and starts listening. Throws
    /// <see cref="SocketException"/> when the port is taken.
    /// </summary>
    public static SipStack Start(SipStackOptions options, Func<SipCaller, ISipCallHandler> handlerFor, TimeProvider? time = null, ISipLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handlerFor);
        if (!options.EnableUdp && !options.EnableTcp)
        {
            throw new ArgumentException("enable UDP, TCP or both", nameof(options));
        }

        log ??= NullSipLog.Instance;
        time ??= TimeProvider.System;
        var peers = new DialogPeers();
        var transports = Bind(options, log, time, peers);
        var host = options.AdvertisedHost
            ?? (options.ListenAddress.Equals(IPAddress.Any) || options.ListenAddress.Equals(IPAddress.IPv6Any) ? GuessLocalAddress() : options.ListenAddress.ToString());
        var udpPort = transports.FirstOrDefault(t => t.Kind == SipTransportKind.Udp)?.LocalEndPoint.Port;
        var tcpPort = transports.FirstOrDefault(t => t.Kind == SipTransportKind.Tcp)?.LocalEndPoint.Port;
        var tlsPort = transports.FirstOrDefault(t => t.Kind == SipTransportKind.Tls)?.LocalEndPoint.Port;
        var local = new SipLocalAddress(host, udpPort ?? tcpPort!.Value, tcpPort ?? udpPort!.Value) { TlsPort = tlsPort ?? 0 };
        SipEndpoint endpoint;
        try
        {
            endpoint = new SipEndpoint(new TransportMessageSender(transports, log), handlerFor, local, options.UserAgent, time, log, peers);
        }
        catch
        {
            foreach (var transport in transports) transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        foreach (var transport in transports)
        {
            // UDP asks the gate on its receive thread, before it copies a datagram; streams ask in Receive.
            if (transport is UdpSipTransport udp) udp.Start(endpoint.Accept, endpoint.Gate);
            else transport.Start(endpoint.Receive);
        }

        log.Info($"SIP listening on {string.Join(", ", transports.Select(t => $"{t.Kind} {t.LocalEndPoint}"))}");
        return new SipStack(transports, endpoint, local);
    }

    /// <summary>
    /// Places a call to <paramref name="target"/>. Without <paramref name="destination"/> the target's host must be
    /// an IP address (no DNS); ";transport=tcp" selects TCP.
    /// </summary>
    public SipOutboundCall PlaceCall(SipUri target, NameAddress from, SessionDescription offer, SipEndPoint? destination = null, SipOutboundOptions? options = null) =>
        Caller.PlaceCall(target, from, offer, destination, options);

    /// <summary>
    /// Drains the node: OPTIONS and new INVITEs get 503 with Retry-After from now on, while calls in progress (every
    /// in-dialog request) and outbound calls go on. Stopping is still <see cref="DisposeAsync"/>.
    /// </summary>
    public void Drain() => Endpoint.UserAgent.Drain();

    /// <summary>Ends all calls (BYE for answered ones) and closes the transports.</summary>
    public async ValueTask DisposeAsync()
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Endpoint.Queue.Post(() =>
        {
            Endpoint.UserAgent.EndAll();
            ended.TrySetResult();
        });
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);

        // Give fire-and-forget TCP writes of the final BYEs a moment before the sockets close.
        await Task.Delay(20).ConfigureAwait(false);
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The first IPv4 address of an interface that is up and not loopback; 127.0.0.1 when there is none.</summary>
    private static string GuessLocalAddress()
    {
        var address = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up
                && n.NetworkInterfaceType != System.Net.NetworkInformation.NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return address?.ToString() ?? "127.0.0.1";
    }

    private static List<ISipTransport> Bind(SipStackOptions options, ISipLog log, TimeProvider time, DialogPeers peers)
    {
        for (var attempt = 0; ; attempt++)
        {
            var transports = new List<ISipTransport>();
            try
            {
                var port = options.Port;
                if (options.EnableUdp)
                {
                    var udp = UdpSipTransport.Bind(new IPEndPoint(options.ListenAddress, port), log);
                    transports.Add(udp);
                    port = udp.LocalEndPoint.Port;
                }

                if (options.EnableTcp)
                {
                    transports.Add(TcpSipTransport.Bind(new IPEndPoint(options.ListenAddress, port), log, options.UserAgent.MaxMessageSize, time, options.Tcp, peers));
                }

                if (options.Tls is { } tls)
                {
                    transports.Add(TcpSipTransport.Bind(new IPEndPoint(options.ListenAddress, options.TlsPort), log, options.UserAgent.MaxMessageSize, time, options.Tcp, peers, tls));
                }

                return transports;
            }
            catch (SocketException) when (options.Port == 0 && attempt < 10)
            {
                // The free UDP port was taken for TCP: try another one.
                foreach (var transport in transports)
                {
                    transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
        }
    }
}
