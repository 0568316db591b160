using Ivr.Sip.Sdp;
using Ivr.Sip.UserAgent;

namespace Ivr.Host.SipReplay;

/// <summary>The replaying caller's SIP stack places calls and takes none: an INVITE to it is declined.</summary>
public sealed class CallerOnlySipHandler : ISipCallHandler
{
    public void OnIncomingCall(SipCall call) => call.Reject(603, "Decline");

    public void OnCallConfirmed(SipCall call)
    {
    }

    public SessionDescription? OnReinvite(SipCall call, SessionDescription? offer) => null;

    public void OnInfo(SipCall call, string? contentType, ReadOnlyMemory<byte> body)
    {
    }

    public void OnCallEnded(SipCall call, SipCallEndReason reason)
    {
    }
}
