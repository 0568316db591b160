using System.Net;
using System.Net.Sockets;
using System.Text;
using Ivr.Host.SipReplay;
using Ivr.Sip.Message;
using Ivr.Sip.Sdp;
using Ivr.Sip.UserAgent;

namespace Ivr.Host.Tests.Serving;

/// <summary>A caller from 127.0.0.1 for tests of a whole server: an OPTIONS probe over UDP, and calls placed with Ivr's own SIP stack.</summary>
internal sealed class SipProbe : IAsyncDisposable
{
    private readonly SipStack _stack = SipStack.Start(
        new SipStackOptions { ListenAddress = IPAddress.Loopback, Port = 0, EnableTcp = false, AdvertisedHost = "127.0.0.1" }, new CallerOnlySipHandler());

    /// <summary>The status line the server answers an OPTIONS with, and the address the answer came from; tries 3 times.</summary>
    public static async Task<(string StatusLine, IPEndPoint From)> OptionsAsync(IPAddress server, int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)socket.LocalEndPoint!;
        var request = Encoding.ASCII.GetBytes(
            $"OPTIONS sip:12333@{server}:{port} SIP/2.0\r\nVia: SIP/2.0/UDP {local};branch=z9hG4bK-probe{Guid.NewGuid():N}\r\nMax-Forwards: 70\r\n" +
            $"From: <sip:probe@127.0.0.1>;tag=probe\r\nTo: <sip:12333@{server}>\r\nCall-ID: probe-{Guid.NewGuid():N}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        var buffer = new byte[4096];
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await socket.SendToAsync(request, new IPEndPoint(server, port));
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), wait.Token);
                var text = Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes);
                return (text[..text.IndexOf('\r')], (IPEndPoint)received.RemoteEndPoint);
            }
            catch (OperationCanceledException)
            {
            }
        }
        throw new TimeoutException($"no answer to OPTIONS from {server}:{port}");
    }

    /// <summary>Calls 12333 on the server and waits (at most 30 s) until it answers.</summary>
    public async Task<SipOutboundCall> CallAsync(IPAddress server, int port)
    {
        var offer = SdpOfferAnswer.CreateOffer(new SdpLocalMedia(IPAddress.Loopback, 40_000) { PayloadTypes = [SdpCodecs.Pcmu], UserName = "probe" });
        var call = _stack.PlaceCall(new SipTarget("12333", server, port).For("12333"), NameAddress.Parse("<sip:13012345273@127.0.0.1>").Value!, offer);
        var answer = await call.Answered.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(answer.IsAnswered, $"the call was not answered: {answer.StatusCode} {answer.ReasonPhrase}");
        return call;
    }

    public ValueTask DisposeAsync() => _stack.DisposeAsync();
}
