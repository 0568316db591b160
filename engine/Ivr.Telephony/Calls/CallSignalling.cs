using Ivr.Sip.Message;
using Ivr.Sip.Refer;
using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Calls;

/// <summary>What a call channel asks of its SIP dialog: end it (BYE), transfer it (REFER, RFC 3515), and the dialer
/// that bridges when REFER is refused (null: no bridging).</summary>
internal sealed record CallSignalling(
    Action SendBye,
    Func<SipUri, IReadOnlyList<SipHeader>, TimeSpan, Task<SipReferOutcome>> Refer,
    OutboundDialer? Dialer = null);
