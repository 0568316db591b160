using System.Net;
using System.Net.Sockets;

namespace Ivr.Host.Tests;

/// <summary>Whether a server under test holds a UDP port (the SIP or an RTP port), and free ranges for one.</summary>
internal static class UdpPorts
{
    /// <summary>True when someone holds UDP <paramref name="port"/> on all interfaces.</summary>
    public static bool Held(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Any, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>An even base port with <paramref name="count"/> free UDP ports above it.</summary>
    public static int FreeRange(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = 30000 + 2 * Random.Shared.Next(0, 14000);
            if (Enumerable.Range(start, count).All(p => !Held(p))) return start;
        }

        throw new InvalidOperationException("no free RTP port range");
    }

    /// <summary>A port free for both UDP and TCP now (SIP listens on both).</summary>
    public static int FreeSipPort()
    {
        while (true)
        {
            using var tcp = new TcpListener(IPAddress.Any, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            tcp.Stop();
            if (!Held(port)) return port;
        }
    }
}
