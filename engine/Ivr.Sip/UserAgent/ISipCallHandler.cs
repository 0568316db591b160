using Ivr.Sip.Sdp;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// What the telephony layer implements to take calls. Every method is called on the stack's work queue:
/// return quickly and never block; to act, call <see cref="SipCall"/> methods (from any thread, at any time).
/// </summary>
public interface ISipCallHandler
{
    /// <summary>
    /// A new INVITE passed every check. Decide: <see cref="SipCall.Ring"/>, then <see cref="SipCall.Answer"/>
    /// (typically with <see cref="SdpOfferAnswer.Answer"/>'s result, or <see cref="SdpOfferAnswer.CreateOffer"/>
    /// when <see cref="SipCall.RemoteOffer"/> is null) or <see cref="SipCall.Reject"/> (488 when no codec matches).
    /// </summary>
    void OnIncomingCall(SipCall call);

    /// <summary>The ACK for our 2xx arrived: media may flow. <see cref="SipCall.RemoteSdp"/> holds the peer's SDP.</summary>
    void OnCallConfirmed(SipCall call);

    /// <summary>
    /// A re-INVITE within the call (hold, resume, new media address). Return our answer — or, when
    /// <paramref name="offer"/> is null, our new offer; return null to refuse with 488.
    /// </summary>
    SessionDescription? OnReinvite(SipCall call, SessionDescription? offer);

    /// <summary>An INFO within the call (e.g. application/dtmf-relay); it is answered 200 after this returns.</summary>
    void OnInfo(SipCall call, string? contentType, ReadOnlyMemory<byte> body);

    /// <summary>The call is over (called exactly once per call, whatever ended it).</summary>
    void OnCallEnded(SipCall call, SipCallEndReason reason);
}
