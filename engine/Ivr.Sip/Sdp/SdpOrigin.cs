namespace Ivr.Sip.Sdp;

/// <summary><c>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;address&gt;</c> (RFC 4566 §5.2).</summary>
public sealed record SdpOrigin(string UserName, string SessionId, string SessionVersion, string NetType, string AddressType, string Address)
{
    public static ParseResult<SdpOrigin> Parse(string value)
    {
        var p = SdpFields.Split(value);
        return p.Length == 6
            ? ParseResult<SdpOrigin>.Ok(new SdpOrigin(p[0], p[1], p[2], p[3], p[4], p[5]))
            : ParseResult<SdpOrigin>.Fail($"o= must have 6 fields: '{value}'");
    }

    public override string ToString() => AppendTo(new System.Text.StringBuilder()).ToString();

    /// <summary>The line's value as written (the six fields of RFC 4566 §5.2); <see cref="ToString"/> makes it a string.</summary>
    internal System.Text.StringBuilder AppendTo(System.Text.StringBuilder builder)
        => builder.Append(UserName).Append(' ').Append(SessionId).Append(' ').Append(SessionVersion).Append(' ')
            .Append(NetType).Append(' ').Append(AddressType).Append(' ').Append(Address);
}
