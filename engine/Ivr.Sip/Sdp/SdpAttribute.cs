namespace Ivr.Sip.Sdp;

/// <summary>An <c>a=name[:value]</c> line (RFC 4566 §5.13); Value is null for a property attribute.</summary>
public readonly record struct SdpAttribute(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";

    /// <summary>Writes what <see cref="ToString"/> returns, without making it (an SDP written out, session 17).</summary>
    internal System.Text.StringBuilder AppendTo(System.Text.StringBuilder builder)
        => Value is null ? builder.Append(Name) : builder.Append(Name).Append(':').Append(Value);
}
