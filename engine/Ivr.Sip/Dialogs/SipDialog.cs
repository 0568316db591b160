namespace Ivr.Sip.Dialogs;

/// <summary>
/// The state of one dialog (RFC 3261 §12.1–12.2): identity, local and remote addresses, remote target,
/// route set, and both CSeq spaces. Creates requests within the dialog (§12.2.1.1) and checks the remote
/// CSeq of incoming ones (§12.2.2).
/// </summary>
public sealed class SipDialog
{
    private SipDialog(SipDialogId id, NameAddress local, NameAddress remote, SipUri remoteTarget, IReadOnlyList<NameAddress> routeSet, SipUri localContact)
    {
        Id = id;
        LocalAddress = local;
        RemoteAddress = remote;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        LocalContact = localContact;
    }

    public SipDialogId Id { get; }

    public SipDialogState State { get; set; } = SipDialogState.Early;

    /// <summary>Our From/To value, carrying our tag.</summary>
    public NameAddress LocalAddress { get; }

    /// <summary>The peer's From/To value, carrying its tag.</summary>
    public NameAddress RemoteAddress { get; }

    /// <summary>The peer's Contact URI: the Request-URI of our requests (§12.2.1.1).</summary>
    public SipUri RemoteTarget { get; private set; }

    public IReadOnlyList<NameAddress> RouteSet { get; }

    public SipUri LocalContact { get; }

    /// <summary>Our last CSeq number; the next request uses one more.</summary>
    public uint LocalCSeq { get; private set; }

    /// <summary>The peer's highest CSeq number seen.</summary>
    public uint RemoteCSeq { get; private set; }

    /// <summary>
    /// UAS side (§12.1.1): from an INVITE and the tag we put in To. The route set is the Record-Route
    /// of the request in order; the remote target its Contact (or, lacking one, its From URI).
    /// </summary>
    public static SipDialog CreateUas(SipRequest invite, string localTag, SipUri localContact)
    {
        var from = invite.From ?? throw new ArgumentException("INVITE without a valid From", nameof(invite));
        var to = invite.To ?? throw new ArgumentException("INVITE without a valid To", nameof(invite));
        var routes = ParseAll(invite.Headers.GetValues(SipHeaderNames.RecordRoute));
        var dialog = new SipDialog(
            new SipDialogId(invite.CallId!, localTag, from.Tag ?? string.Empty),
            to.WithTag(localTag),
            from,
            ContactOf(invite) ?? from.Uri,
            routes,
            localContact)
        {
            RemoteCSeq = invite.CSeq?.Number ?? 0,
        };
        return dialog;
    }

    /// <summary>
    /// UAC side (§12.1.2): from our INVITE and the peer's 2xx; the route set is the response's
    /// Record-Route in reverse order.
    /// </summary>
    public static SipDialog CreateUac(SipRequest invite, SipResponse response, SipUri localContact)
    {
        var from = invite.From ?? throw new ArgumentException("INVITE without a valid From", nameof(invite));
        var to = response.To ?? throw new ArgumentException("response without a valid To", nameof(response));
        var routes = Enumerable.Reverse(ParseAll(response.Headers.GetValues(SipHeaderNames.RecordRoute))).ToList();
        return new SipDialog(
            new SipDialogId(invite.CallId!, from.Tag ?? string.Empty, to.Tag ?? string.Empty),
            from,
            to,
            ContactOf(response) ?? to.Uri,
            routes,
            localContact)
        {
            LocalCSeq = invite.CSeq?.Number ?? 0,
            State = response.IsSuccess ? SipDialogState.Confirmed : SipDialogState.Early,
        };
    }

    /// <summary>
    /// Accepts the CSeq of an incoming in-dialog request (§12.2.2): lower than the last one means out of
    /// order and must be answered 500. A target refresh (re-INVITE) updates the remote target.
    /// </summary>
    public bool TryAcceptRemote(SipRequest request)
    {
        var number = request.CSeq?.Number ?? 0;
        if (number < RemoteCSeq)
        {
            return false;
        }

        RemoteCSeq = number;
        if (request.Method == SipMethods.Invite && ContactOf(request) is { } target)
        {
            RemoteTarget = target;
        }

        return true;
    }

    /// <summary>
    /// Builds a request within the dialog (§12.2.1.1) with the next local CSeq; the caller adds the Via.
    /// Loose routing puts the remote target in the Request-URI; a strict first route (no lr) becomes it.
    /// </summary>
    public SipRequest CreateRequest(string method)
    {
        var strict = RouteSet.Count > 0 && !RouteSet[0].Uri.HasParameter("lr");
        var request = new SipRequest(method, strict ? RouteSet[0].Uri : RemoteTarget);
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        var routes = strict ? RouteSet.Skip(1).Append(new NameAddress(RemoteTarget)) : RouteSet;
        foreach (var route in routes)
        {
            request.Headers.Add(SipHeaderNames.Route, route.ToString());
        }

        LocalCSeq++;
        request.Headers.Add(SipHeaderNames.From, LocalAddress.ToString());
        request.Headers.Add(SipHeaderNames.To, RemoteAddress.ToString());
        request.Headers.Add(SipHeaderNames.CallId, Id.CallId);
        request.Headers.Add(SipHeaderNames.CSeq, new CSeqHeader(LocalCSeq, method).ToString());
        request.Headers.Add(SipHeaderNames.Contact, new NameAddress(LocalContact).ToString());
        return request;
    }

    private static SipUri? ContactOf(SipMessage message)
    {
        var contacts = message.Headers.GetValues(SipHeaderNames.Contact);
        return contacts.Count > 0 && NameAddress.Parse(contacts[0]) is { IsSuccess: true } parsed ? parsed.Value!.Uri : null;
    }

    private static List<NameAddress> ParseAll(IEnumerable<string> values) =>
        values.Select(NameAddress.Parse).Where(r => r.IsSuccess).Select(r => r.Value!).ToList();
}
