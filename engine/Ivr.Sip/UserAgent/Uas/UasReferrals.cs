using Ivr.Sip.Dialogs;
using Ivr.Sip.Refer;

namespace Ivr.Sip.UserAgent.Uas;

/// <summary>
/// The transferor's side of REFER within one inbound dialog (RFC 3515): sends the REFER with Refer-To, Referred-By
/// and the caller's extra headers, keeps the last subscription so that the refer event's NOTIFYs (§2.4.4) reach it,
/// and fails it when the call ends first.
/// </summary>
internal sealed class UasReferrals(SipDialog dialog, UasDialogMessages messages)
{
    private SipReferSubscription? _last;

    /// <summary>Whether a REFER is still waiting for its outcome (only one at a time).</summary>
    public bool IsPending => _last is { IsCompleted: false };

    public void Send(SipUri target, IReadOnlyList<SipHeader> headers, SipReferSubscription subscription)
    {
        var refer = messages.Create(SipMethods.Refer);
        refer.Headers.Add(SipHeaderNames.ReferTo, new NameAddress(target).ToString());
        refer.Headers.Add("Referred-By", new NameAddress(dialog.LocalAddress.Uri).ToString());
        foreach (var header in headers)
        {
            refer.Headers.Add(header.Name, header.Value);
        }

        _last = subscription;
        subscription.Start();
        messages.Send(refer, subscription.OnReferResponse, subscription.OnReferTimeout);
    }

    /// <summary>Whether <paramref name="notify"/> reports on a REFER of ours (otherwise: 481, RFC 6665 §4.1.3).</summary>
    public bool Expects(SipRequest notify) => _last is not null && SipReferSubscription.IsReferEvent(notify);

    /// <summary>A NOTIFY that <see cref="Expects"/> accepted, after it was answered 200.</summary>
    public void OnNotify(SipRequest notify) => _last?.OnNotify(notify);

    public void OnCallEnded() => _last?.OnCallEnded();
}
