using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Ivr.Sip.Message;
using Ivr.Sip.Transport;

namespace Ivr.Sip.Tests.EndToEnd;

/// <summary>A minimal SIP caller over a real UDP, TCP or TLS (any server certificate accepted) socket on loopback.</summary>
public sealed class LoopbackPeer : IDisposable
{
    private readonly UdpClient? _udp;
    private readonly TcpClient? _tcp;
    private readonly Stream? _stream;
    private readonly SipStreamFramer _framer = new();
    private readonly IPEndPoint _server;
    private readonly bool _tls;
    private readonly string _scheme;

    /// <param name="scheme">The Request-URI's scheme: "sips" asks for TLS end to end (RFC 3261 §19.1).</param>
    public LoopbackPeer(IPEndPoint server, bool tcp = false, bool tls = false, string scheme = "sip")
    {
        _server = server;
        _tls = tls;
        _scheme = scheme;
        if (tcp || tls)
        {
            _tcp = new TcpClient(new IPEndPoint(IPAddress.Loopback, 0));
            _tcp.Connect(server);
            Port = ((IPEndPoint)_tcp.Client.LocalEndPoint!).Port;
            _stream = _tcp.GetStream();
            if (tls)
            {
                var ssl = new SslStream(_stream, false, (_, _, _, _) => true);
                ssl.AuthenticateAsClient("127.0.0.1");
                _stream = ssl;
            }
        }
        else
        {
            _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            Port = ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;
        }
    }

    public int Port { get; }

    public string Transport => _tls ? "TLS" : _tcp is null ? "UDP" : "TCP";

    public string Request(string method, string branch, uint cseq, string? toTag, string? sdp = null) =>
        $"{method} {_scheme}:12333@127.0.0.1:{_server.Port} SIP/2.0\r\n" +
        $"Via: SIP/2.0/{Transport} 127.0.0.1:{Port};branch={branch};rport\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: <sip:caller@127.0.0.1:{Port}>;tag=e2e-peer\r\n" +
        $"To: <sip:12333@127.0.0.1>{(toTag is null ? string.Empty : ";tag=" + toTag)}\r\n" +
        "Call-ID: e2e-call-1\r\n" +
        $"CSeq: {cseq} {method}\r\n" +
        $"Contact: <sip:caller@127.0.0.1:{Port}{(_tcp is null ? string.Empty : ";transport=" + Transport.ToLowerInvariant())}>\r\n" +
        (sdp is null ? string.Empty : "Content-Type: application/sdp\r\n") +
        $"Content-Length: {Encoding.UTF8.GetByteCount(sdp ?? string.Empty)}\r\n\r\n" + sdp;

    public async Task SendAsync(string text) => await SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith("ACK "u8)) _acknowledged = true;
        if (_udp is not null)
        {
            await _udp.SendAsync(bytes, _server);
        }
        else
        {
            await _stream!.WriteAsync(bytes);
        }
    }

    /// <summary>Receives the next message, failing the test after <paramref name="seconds"/>.</summary>
    public async Task<SipMessage> ReceiveAsync(double seconds = 5)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        byte[] bytes;
        if (_udp is not null)
        {
            bytes = (await _udp.ReceiveAsync(timeout.Token)).Buffer;
        }
        else
        {
            var buffer = new byte[4096];
            byte[]? framed;
            while ((framed = _framer.TryReadMessage()) is null)
            {
                var read = await _stream!.ReadAsync(buffer, timeout.Token);
                Assert.NotEqual(0, read);
                _framer.Append(buffer.AsSpan(0, read));
            }

            bytes = framed;
        }

        var parsed = SipParser.Parse(bytes, _udp is null ? SipParseOptions.Stream : SipParseOptions.Datagram);
        Assert.True(parsed.IsSuccess, parsed.Error);
        if (_acknowledged && parsed.Message is SipResponse { StatusCode: >= 200 and < 300 } late && late.CSeq?.Method == "INVITE")
            return await ReceiveAsync(seconds); // a 2xx resent before our ACK landed (RFC 3261 §13.3.1.4): not what the test waits for
        return parsed.Message!;
    }

    private bool _acknowledged;

    public async Task<SipResponse> ReceiveResponseAsync(double seconds = 5)
    {
        while (true)
        {
            if (await ReceiveAsync(seconds) is SipResponse response)
            {
                return response;
            }
        }
    }

    public void Dispose()
    {
        _udp?.Dispose();
        _stream?.Dispose();
        _tcp?.Dispose();
    }
}
