using Ivr.Media.Inbound;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// Per-call settings of <see cref="OutboundDialer.DialAsync"/>. The handlers are set before the INVITE leaves, so
/// early media (audio before the answer) is not missed; they run on the call's RTP receive thread (audio, keys) or
/// the SIP work queue (progress): keep them short and do not block.
/// </summary>
public sealed record OutboundCallOptions
{
    /// <summary>Ringing longer than this is given up (CANCEL, <c>no_answer</c>); null: the trunk's (60 s without a trunk).</summary>
    public TimeSpan? RingTimeout { get; init; }

    /// <summary>User part of our From URI (caller ID); null: the trunk's <see cref="TrunkOptions.FromUser"/>.</summary>
    public string? FromUser { get; init; }

    /// <summary>Extra headers on the INVITE, e.g. the call context as <c>X-Ivr-*</c>. Never put secrets here.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>180/183 progress; <see cref="OutboundProgress.EarlyMedia"/> when the callee sent SDP before answering.</summary>
    public Action<OutboundProgress>? Progress { get; init; }

    /// <summary>Decoded 8 kHz samples as they arrive (usually 160 = 20 ms), early media included. The span is reused after the call.</summary>
    public AudioFrameHandler? Audio { get; init; }

    /// <summary>Keys received as RFC 4733 telephone-events (or in band when the callee negotiated no telephone-event).</summary>
    public Action<DtmfKeyPress>? Key { get; init; }

    /// <summary>The B2BUA's hook: every received RTP packet raw, instead of decoding it.</summary>
    internal RtpPacketHandler? Relay { get; init; }
}
