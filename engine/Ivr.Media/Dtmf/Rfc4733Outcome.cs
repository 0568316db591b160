namespace Ivr.Media.Dtmf;

/// <summary>What one telephone-event packet meant to the <see cref="Rfc4733Receiver"/>.</summary>
public enum Rfc4733Outcome
{
    /// <summary>The first packet seen of a new event: report this key press (exactly once per press).</summary>
    KeyPressed,

    /// <summary>The first end packet of the current event: its duration is now final. Not a new press.</summary>
    KeyReleased,

    /// <summary>A duration update, a retransmitted or repeated end packet, or the next segment of a
    /// long event, all belonging to the press already reported.</summary>
    Continuation,

    /// <summary>A late (reordered or retransmitted) packet of an event older than the current one.</summary>
    Stale,

    /// <summary>Not a DTMF event: payload shorter than 4 octets or an event code above 15.</summary>
    Invalid,
}
