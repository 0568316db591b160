using Ivr.Sip.Sdp;

namespace Ivr.Sip.UserAgent.Uas;

/// <summary>
/// The <see cref="ISipCallHandler"/> as the sessions call it: an exception thrown by the handler is logged
/// (with the Call-ID only) and never unwinds the stack's work queue.
/// </summary>
internal sealed class GuardedCallHandler(ISipCallHandler handler, ISipLog log)
{
    /// <summary>False when the handler threw (the INVITE is then refused).</summary>
    public bool IncomingCall(SipCall call) => Try(call, () => handler.OnIncomingCall(call));

    public void Confirmed(SipCall call) => Try(call, () => handler.OnCallConfirmed(call));

    /// <summary>The handler's answer (or new offer); null when it refused or threw.</summary>
    public SessionDescription? Reinvite(SipCall call, SessionDescription? offer)
    {
        SessionDescription? answer = null;
        Try(call, () => answer = handler.OnReinvite(call, offer));
        return answer;
    }

    public void Info(SipCall call, string? contentType, ReadOnlyMemory<byte> body) => Try(call, () => handler.OnInfo(call, contentType, body));

    public void Ended(SipCall call, SipCallEndReason reason) => Try(call, () => handler.OnCallEnded(call, reason));

    private bool Try(SipCall call, Action callback)
    {
        try
        {
            callback();
            return true;
        }
        catch (Exception ex)
        {
            log.Warning($"call handler failed for {call.CallId}: {ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }
}
