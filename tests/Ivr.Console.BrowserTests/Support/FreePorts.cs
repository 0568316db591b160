using System.Net;
using System.Net.Sockets;

namespace Ivr.OperationsConsole.BrowserTests.Support;

/// <summary>Ports nobody is using right now, so tests run beside other suites on the same machine.</summary>
internal static class FreePorts
{
    /// <summary>A port free for both UDP and TCP on loopback (SIP listens on both).</summary>
    public static int ForSip()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // taken for TCP: try another
            }
        }

        throw new InvalidOperationException("no port free for both UDP and TCP");
    }

    /// <summary>The first port of a block of <paramref name="count"/> UDP ports, all free when probed.</summary>
    public static int UdpBlock(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = Random.Shared.Next(20000, 60000 - count) & ~1;
            var sockets = new List<Socket>();
            try
            {
                for (var port = first; port < first + count; port++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    sockets.Add(socket);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                }

                return first;
            }
            catch (SocketException)
            {
                // part of the block is taken: try another
            }
            finally
            {
                sockets.ForEach(s => s.Dispose());
            }
        }

        throw new InvalidOperationException($"no block of {count} free UDP ports");
    }
}
