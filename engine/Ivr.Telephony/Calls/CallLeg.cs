using Ivr.Sip.Sdp;
using Ivr.Sip.UserAgent;

namespace Ivr.Telephony.Calls;

/// <summary>The server's record of one SIP call: who called, our media (port, SDP identity), what was negotiated, and the channel once confirmed.</summary>
internal sealed class CallLeg(SipCall call, IncomingCall info, RtpEndpoint rtp, SdpLocalMedia local, long startedTimestamp)
{
    private readonly object _gate = new();
    private long _sdpVersion = local.SessionVersion;

    public SipCall Call { get; } = call;

    public IncomingCall Info { get; } = info;

    /// <summary>Bound at INVITE time; owned by <see cref="Channel"/> once it exists.</summary>
    public RtpEndpoint Rtp { get; } = rtp;

    public long StartedTimestamp { get; } = startedTimestamp;

    /// <summary>Null for a late-offer INVITE until the ACK brings the answer.</summary>
    public NegotiatedMedia? Media { get; set; }

    public SipCallChannel? Channel { get; set; }

    /// <summary>Our media description for the next offer or answer: same o= session id, version +1 (RFC 3264 §8).</summary>
    public SdpLocalMedia NextLocal(IReadOnlyList<int>? payloadTypes = null)
    {
        lock (_gate)
        {
            var next = local with { SessionVersion = ++_sdpVersion };
            return payloadTypes is null ? next : next with { PayloadTypes = payloadTypes };
        }
    }
}
