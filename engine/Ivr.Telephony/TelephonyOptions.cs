using System.Net;
using Ivr.Core.Metrics;
using Ivr.Sip.Sdp;
using Ivr.Telephony.Outbound;
using Ivr.Telephony.Transfers;

namespace Ivr.Telephony;

/// <summary>Media settings of the telephony layer: where RTP is bound and advertised, the port range, timeouts, the recordings folder and the transfer targets.</summary>
public sealed record TelephonyOptions
{
    /// <summary>The address written in our SDP (c= line): where callers send RTP.</summary>
    public IPAddress MediaAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The address RTP sockets bind to; <see cref="IPAddress.Any"/> for a server.</summary>
    public IPAddress RtpBindAddress { get; init; } = IPAddress.Any;

    /// <summary>Lowest RTP port (RTP uses even ports, RFC 3550 §11).</summary>
    public int RtpPortMin { get; init; } = 20000;

    /// <summary>Highest port of the range (inclusive).</summary>
    public int RtpPortMax { get; init; } = 29999;

    /// <summary>
    /// Symmetric RTP for callers behind NAT (on by default): besides the address their SDP gave, media may come from
    /// any port of the SIP dialog's source IP (then latched to that port). Off: only the SDP's address and port.
    /// Packets from anyone else are dropped and counted either way.
    /// </summary>
    public bool SymmetricRtp { get; init; } = true;

    /// <summary>SDES-SRTP on inbound calls (RFC 4568, RFC 3711): off, taken when offered, or required (plain offers get 488).</summary>
    public SrtpPolicy Srtp { get; init; } = SrtpPolicy.Off;

    /// <summary>No RTP for this long (outside hold) ends the call as <c>media_timeout</c>.</summary>
    public TimeSpan MediaTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Folder where recordings are saved as <c>&lt;call-id&gt;-&lt;n&gt;.wav</c>.</summary>
    public string RecordingsFolder { get; init; } = "recordings";

    /// <summary>Upper bound on any recording, whatever the flow asks (the recorder preallocates it).</summary>
    public TimeSpan MaxRecordingLength { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Agent queues reachable by REFER (RFC 3515); null: transfers fail at once with <c>not_supported</c>.</summary>
    public TransferTargets? TransferTargets { get; init; }

    /// <summary>How our fax terminal presents itself on a call (ECM on, ident 12333 by default).</summary>
    public Ivr.Fax.FaxSessionOptions Fax { get; init; } = new();

    /// <summary>The SIP trunk for outbound calls to numbers (<see cref="OutboundDialer"/>); null: only sip: URIs can be dialled.</summary>
    public TrunkOptions? Trunk { get; init; }

    /// <summary>Told how long callers wait from a key to the next prompt.</summary>
    public ICallMetrics Metrics { get; init; } = NullCallMetrics.Instance;

    /// <summary>Issues the one-time context token of each transfer (<c>X-Ivr-Context</c>); null: transfers carry none.</summary>
    public Ivr.Core.Handoffs.IHandoffTokens? Handoffs { get; init; }

    /// <summary>The dedicated threads where calls handle their events (keys, prompt ends, SIP reports), started by the host;
    /// each new call gets one for its life. Null: the thread pool (tests, tools).</summary>
    public Ivr.Core.Serial.EventThreads? Events { get; init; }
}
