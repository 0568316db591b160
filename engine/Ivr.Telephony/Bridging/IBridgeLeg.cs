using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Bridging;

/// <summary>What a bridge needs of the caller's leg (<see cref="SipCallChannel"/>): its media, raw RTP in and out,
/// a ring-back tone while the agent is dialled, and an end that the flow does not hear about.</summary>
internal interface IBridgeLeg
{
    string CallId { get; }

    NegotiatedMedia Media { get; }

    bool IsClosed { get; }

    /// <summary>Raised once when the leg closes (hang-up either side, media timeout).</summary>
    event Action? Closed;

    /// <summary>Received RTP goes raw to <paramref name="relay"/> instead of the flow's key detection; null restores it.</summary>
    void SetRelay(RtpPacketHandler? relay);

    /// <summary>The SSRC of what this leg has been sent so far (prompts, ring-back).</summary>
    uint OutgoingSsrc { get; }

    /// <summary>Where relayed packets continue this leg's outgoing stream; null while it still plays.</summary>
    RtpContinuation? ContinueOutgoing();

    /// <summary>Sends a packet already rewritten for this leg.</summary>
    bool SendRelayed(ReadOnlySpan<byte> packet);

    void StartRingback();

    void StopRingback();

    /// <summary>From now on the leg belongs to the bridge: its end is not reported to the flow as a hang-up.</summary>
    void MarkBridged();

    /// <summary>Ends the leg (BYE) because the bridge ended.</summary>
    void Hangup(string cause);
}
