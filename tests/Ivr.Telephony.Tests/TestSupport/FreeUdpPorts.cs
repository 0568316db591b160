using System.Net;
using System.Net.Sockets;

namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>Blocks of loopback UDP ports that bind right now, for tests that need fixed ranges (RTP port pools, a
/// server's --rtp-ports) while other tests of this assembly run in parallel.</summary>
internal static class FreeUdpPorts
{
    /// <summary>An even first port of <paramref name="size"/> consecutive ports, all free when probed, drawn at random
    /// from [<paramref name="low"/>, <paramref name="high"/>) in at most <paramref name="attempts"/> draws.</summary>
    public static int Block(int size, int low, int high, int attempts = 200)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var first = Random.Shared.Next(low, high - size) & ~1;
            var sockets = new List<Socket>();
            try
            {
                for (var port = first; port < first + size; port++)
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

        throw new InvalidOperationException($"no {size} free loopback UDP ports in {low}-{high - 1}");
    }
}
