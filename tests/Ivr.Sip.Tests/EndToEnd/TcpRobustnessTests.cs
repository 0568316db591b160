using System.Net;
using System.Net.Sockets;
using System.Text;
using Ivr.Sip.Message;
using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Tests.EndToEnd;

public sealed class TcpRobustnessTests
{
    [Fact]
    public async Task OversizedHeaders_ConnectionClosedAndStackStillServes()
    {
        var log = new RecordingLog();
        await using var stack = SipStack.Start(
            new SipStackOptions { ListenAddress = IPAddress.Loopback, Port = 0, EnableUdp = false }, new TestCallHandler(), log: log);
        using (var attacker = new TcpClient())
        {
            await attacker.ConnectAsync(stack.TcpEndPoint!);
            var stream = attacker.GetStream();
            var junk = Encoding.ASCII.GetBytes("INVITE sip:a@b SIP/2.0\r\nX-Pad: " + new string('a', 70_000));
            try
            {
                await stream.WriteAsync(junk);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var read = await stream.ReadAsync(new byte[16], timeout.Token);
                Assert.Equal(0, read);
            }
            catch (IOException)
            {
                // Reset by the server: closed as well.
            }
        }

        using var peer = new LoopbackPeer(stack.TcpEndPoint!, tcp: true);
        await peer.SendAsync(peer.Request("OPTIONS", "z9hG4bK-tcp-1", 1, null));
        var ok = await peer.ReceiveResponseAsync();

        Assert.Equal(200, ok.StatusCode);
        Assert.Contains(log.Warnings, w => w.Contains("headers exceed"));
    }

    [Fact]
    public async Task MissingContentLength_Answered400OnTheConnection()
    {
        await using var stack = SipStack.Start(
            new SipStackOptions { ListenAddress = IPAddress.Loopback, Port = 0, EnableUdp = false }, new TestCallHandler());
        using var peer = new LoopbackPeer(stack.TcpEndPoint!, tcp: true);
        var request = peer.Request("OPTIONS", "z9hG4bK-tcp-2", 1, null).Replace("Content-Length: 0\r\n", string.Empty);

        await peer.SendAsync(request);
        var response = await peer.ReceiveResponseAsync();

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("Content-Length", response.ReasonPhrase);
    }
}
