using System.Net;
using System.Net.Sockets;

namespace Ivr.Tests.Shared;

/// <summary>Blocks of loopback UDP ports that bind right now, for tests that need fixed ranges (RTP port pools, a
/// server's --rtp-ports) while other tests run in parallel. A taken RTP port costs nothing (the server skips it and
/// draws another), so these blocks may lie anywhere, the ephemeral range included — but never in
/// <see cref="FreePorts"/>' band: the server binds its RTP ports call by call, and could take a port that
/// <see cref="FreePorts"/> has just handed to another test's server that has not bound it yet.</summary>
internal static class FreeUdpPorts
{
    /// <summary>An even first port of <paramref name="size"/> consecutive ports, all free when probed, drawn at random
    /// from [<paramref name="low"/>, <paramref name="high"/>) outside <see cref="FreePorts"/>' band in at most
    /// <paramref name="attempts"/> draws.</summary>
    public static int Block(int size, int low, int high, int attempts = 200)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var first = Random.Shared.Next(low, high - size) & ~1;
            if (first < FreePorts.High && first + size > FreePorts.Low) continue; // in the band of servers' own ports
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

        throw new InvalidOperationException($"no {size} free loopback UDP ports in {low}-{high - 1} outside {FreePorts.Low}-{FreePorts.High - 1}");
    }
}
