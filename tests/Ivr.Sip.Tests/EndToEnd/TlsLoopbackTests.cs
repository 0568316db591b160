using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Ivr.Sip.Message;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Transport;
using Ivr.Sip.UserAgent;
using static Ivr.Sip.Tests.Transport.TcpTestClient;

namespace Ivr.Sip.Tests.EndToEnd;

/// <summary>SIP over TLS on real loopback sockets (RFC 3261 §26.2, RFC 5630): calls, Contact per scheme, SIPS refused off TLS, handshake limits.</summary>
public sealed class TlsLoopbackTests
{
    private static SipStackOptions Options => new()
    {
        ListenAddress = IPAddress.Loopback, Port = 0, TlsPort = 0, Tls = new SipTlsOptions(TestCertificates.Loopback),
    };

    [Theory]
    [InlineData("sip", "sip", ";transport=tls")]
    [InlineData("sips", "sips", "")]
    public async Task Call_OverTls_FullDialog_ContactFollowsTheRequestUriScheme(string scheme, string contactScheme, string contactParameter)
    {
        var handler = new TestCallHandler();
        await using var stack = SipStack.Start(Options, handler);
        using var peer = new LoopbackPeer(stack.TlsEndPoint!, tls: true, scheme: scheme);

        await peer.SendAsync(peer.Request("INVITE", "z9hG4bK-tls-1", 1, null, TestMessages.OfferSdp));
        var trying = await peer.ReceiveResponseAsync();
        var ringing = await peer.ReceiveResponseAsync();
        var ok = await peer.ReceiveResponseAsync();

        Assert.Equal([100, 180, 200], new[] { trying.StatusCode, ringing.StatusCode, ok.StatusCode });
        Assert.Equal("TLS", ok.TopVia!.Transport);
        var contact = ok.Headers.Get(SipHeaderNames.Contact)!;
        Assert.Contains($"<{contactScheme}:ivr@127.0.0.1:{stack.TlsEndPoint!.Port}{contactParameter}>", contact);

        var localTag = ok.To!.Tag;
        await peer.SendAsync(peer.Request("ACK", "z9hG4bK-tls-2", 1, localTag));
        await peer.SendAsync(peer.Request("BYE", "z9hG4bK-tls-3", 2, localTag));
        var byeOk = await peer.ReceiveResponseAsync();

        Assert.Equal(200, byeOk.StatusCode);
        Assert.True(SpinWait.SpinUntil(() => handler.Events.Contains("ended:RemoteHangup"), 5000));
    }

    [Fact]
    public async Task Hangup_Local_ByeGoesBackOverTheCallersTlsConnection()
    {
        var handler = new TestCallHandler();
        await using var stack = SipStack.Start(Options, handler);
        using var peer = new LoopbackPeer(stack.TlsEndPoint!, tls: true);
        await peer.SendAsync(peer.Request("INVITE", "z9hG4bK-tls-4", 1, null, TestMessages.OfferSdp));
        SipResponse ok;
        while ((ok = await peer.ReceiveResponseAsync()).StatusCode < 200)
        {
        }

        await peer.SendAsync(peer.Request("ACK", "z9hG4bK-tls-5", 1, ok.To!.Tag));
        Assert.True(SpinWait.SpinUntil(() => handler.Events.Contains("confirmed"), 5000));

        handler.Calls[0].Hangup();
        var bye = Assert.IsType<SipRequest>(await peer.ReceiveAsync());

        Assert.Equal("BYE", bye.Method);
        Assert.Equal("TLS", bye.TopVia!.Transport);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Invite_SipsUriNotOverTls_Gets416(bool tcp)
    {
        var handler = new TestCallHandler();
        await using var stack = SipStack.Start(Options, handler);
        using var peer = new LoopbackPeer(tcp ? stack.TcpEndPoint! : stack.UdpEndPoint!, tcp, scheme: "sips");

        await peer.SendAsync(peer.Request("INVITE", "z9hG4bK-tls-6", 1, null, TestMessages.OfferSdp));
        SipResponse final;
        while ((final = await peer.ReceiveResponseAsync()).StatusCode < 200)
        {
        }

        Assert.Equal(416, final.StatusCode);
        Assert.Empty(handler.Calls);
    }

    [Fact]
    public async Task PlainSipOnTheTlsPort_IsClosedUnread()
    {
        var received = new ConcurrentQueue<SipEndPoint>();
        await using var transport = TcpSipTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0), tls: new SipTlsOptions(TestCertificates.Loopback));
        transport.Start((_, source) => received.Enqueue(source));
        using var plain = await ConnectAsync("127.0.0.2", transport.LocalEndPoint);

        await plain.SendAsync(Options("127.0.0.2"));

        Assert.True(await ClosedByServerAsync(plain, TimeSpan.FromSeconds(10)));
        Assert.Empty(received);
        Assert.Equal(SipTransportKind.Tls, transport.Kind);
    }

    [Fact]
    public async Task AConnectionThatNeverShakesHands_IsClosedAtTheHandshakeDeadline()
    {
        // Real time (the handshake starts on the thread pool, after accept): a 1 s deadline, and a first-message
        // deadline far away so that only the handshake's can close it. Load only makes the close later, never earlier.
        var log = new RecordingLog();
        var tls = new SipTlsOptions(TestCertificates.Loopback) { HandshakeTimeout = TimeSpan.FromSeconds(1) };
        var limits = new TcpConnectionLimits { FirstMessageTimeout = TimeSpan.FromMinutes(5) };
        await using var transport = TcpSipTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0), log, limits: limits, tls: tls);
        transport.Start((_, _) => { });
        var connecting = System.Diagnostics.Stopwatch.GetTimestamp(); // the server's deadline starts later, at accept
        using var silent = await ConnectAsync("127.0.0.2", transport.LocalEndPoint);

        // Closed, and not before the deadline: timed from here rather than by a short wait that expects it still
        // open (a starved thread pool at the suite's start ends such a wait late, after the close).
        Assert.True(await ClosedByServerAsync(silent, TimeSpan.FromSeconds(30)), "still open 30 s after a 1 s handshake deadline");
        var closedAfter = System.Diagnostics.Stopwatch.GetElapsedTime(connecting);
        Assert.True(closedAfter >= TimeSpan.FromMilliseconds(950), $"closed {closedAfter.TotalMilliseconds:0} ms after connecting, before the 1 s handshake deadline");
        await EventuallyAsync(() => transport.ConnectionCount == 0, TimeSpan.FromSeconds(20), "forgotten");
        var warnings = log.Warnings;
        Assert.True(warnings.Any(w => w.Contains("no TLS handshake within 1 s")), "warnings: " + string.Join(" | ", warnings));
    }

    [Fact]
    public async Task Tls10Client_IsRefused()
    {
        await using var transport = TcpSipTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0), tls: new SipTlsOptions(TestCertificates.Loopback));
        transport.Start((_, _) => { });
        using var client = new TcpClient();
        await client.ConnectAsync(transport.LocalEndPoint);
        await using var ssl = new SslStream(client.GetStream(), false, (_, _, _, _) => true);

#pragma warning disable SYSLIB0039 // TLS 1.0 on purpose: the server must refuse it
        var options = new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls };
#pragma warning restore SYSLIB0039

        await Assert.ThrowsAnyAsync<Exception>(() => ssl.AuthenticateAsClientAsync(options).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
