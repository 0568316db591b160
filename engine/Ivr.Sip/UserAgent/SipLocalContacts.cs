using Ivr.Sip.Message;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// Our Contact for each transport (<see cref="SipLocalAddress.Contact"/>), made once: a dialog keeps the one it was
/// given for its whole life, so every held call shared one URI instead of keeping its own copy (and its written text).
/// <see cref="SipUri"/> is immutable, so one instance serves every dialog and thread.
/// </summary>
internal sealed class SipLocalContacts(SipLocalAddress local)
{
    private readonly SipUri _udp = local.Contact(SipTransportKind.Udp);
    private readonly SipUri _tcp = local.Contact(SipTransportKind.Tcp);
    private readonly SipUri _tls = local.Contact(SipTransportKind.Tls);
    private readonly SipUri _sips = local.Contact(SipTransportKind.Tls, sips: true);

    /// <inheritdoc cref="SipLocalAddress.Contact"/>
    public SipUri For(SipTransportKind kind, bool sips = false) => kind switch
    {
        SipTransportKind.Tcp => _tcp,
        SipTransportKind.Tls => sips ? _sips : _tls,
        _ => _udp,
    };
}
