using System.Net;

namespace Ivr.Sip.Transport;

/// <summary>
/// Via handling at the transport boundary: stamping received/rport on arriving requests (RFC 3261 §18.2.1,
/// RFC 3581 §4) and choosing where a response goes (RFC 3261 §18.2.2, RFC 3581 §4).
/// </summary>
public static class ViaRouting
{
    /// <summary>
    /// Adds received= when the sent-by host differs from the packet's source address, and fills an empty
    /// rport with the source port (which also requires received).
    /// </summary>
    public static void StampReceived(SipRequest request, SipEndPoint source)
    {
        var via = request.TopVia;
        if (via is null)
        {
            return;
        }

        var sourceAddress = Normalize(source.EndPoint.Address);
        var stamped = via;
        var sentBy = IPAddress.TryParse(via.Host.Trim('[', ']'), out var sentByAddress) ? Normalize(sentByAddress) : null;
        if (via.HasRPort && via.RPort is null)
        {
            stamped = stamped.WithParameter("rport", source.EndPoint.Port.ToString());
            stamped = stamped.WithParameter("received", sourceAddress.ToString());
        }
        else if (!sourceAddress.Equals(sentBy))
        {
            stamped = stamped.WithParameter("received", sourceAddress.ToString());
        }

        if (!ReferenceEquals(stamped, via))
        {
            request.ReplaceTopVia(stamped);
        }
    }

    /// <summary>
    /// Where to send a response: over a reliable transport, back on the connection it came from; over UDP
    /// to received (or sent-by) at rport (or the sent-by port, default 5060). Without a usable Via or
    /// with a sent-by name we cannot resolve, back to the packet's source.
    /// </summary>
    public static SipEndPoint ResponseDestination(SipResponse response, SipEndPoint requestSource)
    {
        var via = response.TopVia;
        if (requestSource.IsReliable || via is null)
        {
            return requestSource;
        }

        var host = via.Received ?? via.Host.Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            return requestSource;
        }

        var port = via.RPort ?? via.Port ?? 5060;
        return requestSource with { EndPoint = new IPEndPoint(address, port) };
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
