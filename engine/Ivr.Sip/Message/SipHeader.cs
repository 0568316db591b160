namespace Ivr.Sip.Message;

/// <summary>One header field line (RFC 3261 §7.3): a name (canonical or as received) and its unfolded value.</summary>
public readonly record struct SipHeader(string Name, string Value)
{
    public override string ToString() => $"{Name}: {Value}";
}
