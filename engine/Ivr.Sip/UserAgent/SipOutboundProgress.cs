using Ivr.Sip.Sdp;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// A provisional response to our INVITE (RFC 3261 §13.2.2.1): 180 Ringing, 183 Session Progress… With an SDP
/// body (<see cref="EarlySdp"/>) the callee offers early media (RFC 3960 §3): its RTP may arrive before the 2xx.
/// </summary>
public sealed record SipOutboundProgress(int StatusCode, string ReasonPhrase, SessionDescription? EarlySdp);
