namespace Ivr.Media.Dtmf;

/// <summary>
/// The receiver's verdict on one packet. <see cref="Key"/> is the event's key ('\0' when Invalid);
/// <see cref="Duration"/> is the longest duration seen so far for the event, in timestamp units.
/// </summary>
public readonly record struct Rfc4733Result(Rfc4733Outcome Outcome, char Key, uint Timestamp, ushort Duration)
{
    public bool IsKeyPress => Outcome == Rfc4733Outcome.KeyPressed;

    internal static Rfc4733Result Invalid(uint timestamp) => new(Rfc4733Outcome.Invalid, '\0', timestamp, 0);
}
