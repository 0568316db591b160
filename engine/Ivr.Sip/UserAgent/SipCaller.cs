using System.Net;
using Ivr.Sip.Sdp;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// The stack's calling side (UAC, RFC 3261 §13.2): places INVITEs from the stack's address. It exists before the
/// inbound call handler is built, so a handler that also dials (bridged transfers, faxes) receives it in its
/// constructor (<see cref="SipStack.Start(SipStackOptions, Func{SipCaller, ISipCallHandler}, TimeProvider?, ISipLog?)"/>);
/// calls placed before the transports start leave once they do.
/// </summary>
public sealed class SipCaller
{
    private readonly SipOutboundCalls _calls;

    internal SipCaller(SipOutboundCalls calls, SipLocalAddress local)
    {
        _calls = calls;
        LocalAddress = local;
    }

    /// <summary>The host and ports written in our Via and Contact.</summary>
    public SipLocalAddress LocalAddress { get; }

    /// <summary>
    /// Places a call to <paramref name="target"/>. Without <paramref name="destination"/> the target's host must be
    /// an IP address (no DNS); ";transport=tcp" selects TCP. Callable from any thread; the INVITE leaves on the work queue.
    /// </summary>
    public SipOutboundCall PlaceCall(SipUri target, NameAddress from, SessionDescription offer, SipEndPoint? destination = null, SipOutboundOptions? options = null)
    {
        destination ??= DestinationOf(target);
        var call = _calls.Create(target, destination, from, offer, options ?? SipOutboundOptions.None);
        _calls.Post(() => _calls.Start(call));
        return call;
    }

    private static SipEndPoint DestinationOf(SipUri target)
    {
        var address = target.HostAddress
            ?? throw new ArgumentException($"'{target.Host}' is not an IP address; pass a destination", nameof(target));
        var kind = string.Equals(target.GetParameter("transport"), "tcp", StringComparison.OrdinalIgnoreCase)
            ? SipTransportKind.Tcp
            : SipTransportKind.Udp;
        return new SipEndPoint(kind, new IPEndPoint(address, target.Port ?? 5060));
    }
}
