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

    /// <summary>The first port of a block of <paramref name="count"/> UDP ports, all free when probed (the telephony
    /// tests' helper, linked into this project).</summary>
    public static int UdpBlock(int count) => Ivr.Telephony.Tests.TestSupport.FreeUdpPorts.Block(count, 20000, 60000, attempts: 50);
}
