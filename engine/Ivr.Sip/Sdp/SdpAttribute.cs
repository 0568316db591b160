namespace Ivr.Sip.Sdp;

/// <summary>An <c>a=name[:value]</c> line (RFC 4566 §5.13); Value is null for a property attribute.</summary>
public readonly record struct SdpAttribute(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : AppendTo(new System.Text.StringBuilder()).ToString();

    /// <summary>The line's value as written (<c>name</c> or <c>name:value</c>): an SDP written out appends it without a
    /// string of its own (session 17), <see cref="ToString"/> makes one.</summary>
    internal System.Text.StringBuilder AppendTo(System.Text.StringBuilder builder)
        => Value is null ? builder.Append(Name) : builder.Append(Name).Append(':').Append(Value);
}
