using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Ivr.Telephony;

/// <summary>Picks the address to advertise in SIP Contact and SDP when none is configured.</summary>
public static class AddressDetection
{
    /// <summary>The first IPv4 address of an interface that is up and not loopback; 127.0.0.1 when there is none.</summary>
    public static IPAddress FirstLocalIPv4()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
                ?? IPAddress.Loopback;
        }
        catch (NetworkInformationException)
        {
            return IPAddress.Loopback;
        }
    }
}
