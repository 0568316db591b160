using System.Net;
using System.Net.Sockets;

namespace Ivr.Host.Tests;

/// <summary>Whether a server under test holds a UDP port (the SIP or an RTP port).</summary>
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
}
