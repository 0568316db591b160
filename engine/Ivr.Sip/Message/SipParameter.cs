namespace Ivr.Sip.Message;

/// <summary>A <c>name[=value]</c> parameter of a URI or header (RFC 3261 §7.3.1, §19.1.1); Value is null for a flag.</summary>
public readonly record struct SipParameter(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}
