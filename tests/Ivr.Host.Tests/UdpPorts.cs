using System.Net;
using System.Net.Sockets;
using Ivr.Tests.Shared;

namespace Ivr.Host.Tests;

/// <summary>Whether a server under test holds a UDP port (the SIP or an RTP port), and free RTP ranges for one (its SIP
/// port comes from <see cref="FreePorts"/>).</summary>
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

    /// <summary>An even base port with <paramref name="count"/> free UDP ports above it, in 30000-57999 (outside
    /// <see cref="FreePorts"/>' band).</summary>
    public static int FreeRange(int count) => FreeUdpPorts.Block(count, 30000, 58000);
}
