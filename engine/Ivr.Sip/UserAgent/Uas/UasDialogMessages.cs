using System.Net;
using Ivr.Sip.Dialogs;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent.Uas;

/// <summary>
/// The messages of one inbound dialog: our responses (with our tag, Contact and product, RFC 3261 §12.1.1) and
/// our requests within it (BYE §15.1.1, REFER RFC 3515), built by the dialog (§12.2.1.1) with a fresh Via branch
/// and sent through a client transaction over the transport the INVITE came on.
/// </summary>
internal sealed class UasDialogMessages(SipDialog dialog, SipEndPoint remote, UasServices services)
{
    public SipResponse Response(SipRequest request, int statusCode, string? reason = null) =>
        SipCallResponses.ForCall(request, statusCode, dialog.Id.LocalTag, dialog.LocalContact, services.Options.ProductName, reason);

    /// <summary>200 to a request we only acknowledge, listing what we allow and accept (§11.2).</summary>
    public SipResponse Capabilities(SipRequest request) =>
        SipCallResponses.ForOptions(request, dialog.Id.LocalTag, services.Options.ProductName);

    public SipRequest Create(string method)
    {
        var request = dialog.CreateRequest(method);
        request.Headers.AddFirst(SipHeaderNames.Via, services.Local.Via(remote.Transport, SipIds.NewBranch()).ToString());
        return request;
    }

    public void Send(SipRequest request, Action<SipResponse> onResponse, Action onTimeout) =>
        services.Transactions.SendRequest(request, Destination(), onResponse, onTimeout);

    /// <summary>BYE; its response or time-out is only logged.</summary>
    public void SendBye() =>
        Send(
            Create(SipMethods.Bye),
            response => services.Log.Info($"BYE for {dialog.Id.CallId} answered {response.StatusCode}"),
            () => services.Log.Warning($"BYE for {dialog.Id.CallId} timed out"));

    /// <summary>
    /// Over UDP, the first route or the remote target when it is an IP literal (§12.2.1.1, §8.1.2); otherwise —
    /// a host name we do not resolve, or TCP where we reuse the caller's connection — where the INVITE came from.
    /// </summary>
    public SipEndPoint Destination()
    {
        var target = dialog.RouteSet.Count > 0 ? dialog.RouteSet[0].Uri : dialog.RemoteTarget;
        if (remote.IsReliable || target.HostAddress is not { } address)
        {
            return remote;
        }

        return remote with { EndPoint = new IPEndPoint(address, target.Port ?? 5060) };
    }
}
