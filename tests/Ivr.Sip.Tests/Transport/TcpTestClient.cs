using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ivr.Sip.Tests.Transport;

/// <summary>Raw TCP clients from a chosen loopback address, and the one SIP message they send.</summary>
internal static class TcpTestClient
{
    public static byte[] Options(string from) => Encoding.ASCII.GetBytes(
        "OPTIONS sip:12333@127.0.0.1 SIP/2.0\r\n" +
        $"Via: SIP/2.0/TCP {from}:5999;branch=z9hG4bK-{Guid.NewGuid():N}\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: <sip:probe@{from}>;tag=1\r\n" +
        "To: <sip:12333@127.0.0.1>\r\n" +
        $"Call-ID: {Guid.NewGuid():N}@{from}\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Content-Length: 0\r\n\r\n");

    public static async Task<Socket> ConnectAsync(string from, IPEndPoint to)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
            await socket.ConnectAsync(to);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when the server closed the connection (end of stream or reset) within <paramref name="within"/>.</summary>
    public static async Task<bool> ClosedByServerAsync(Socket socket, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                if (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0) return true;
            }
        }
        catch (SocketException) when (!timeout.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException) // our own deadline: not closed by the server
        {
            return false;
        }
    }

    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"not within {within.TotalSeconds:0} s: {what}");
            await Task.Delay(20);
        }
    }
}
