namespace Ivr.Sip.Sdp;

/// <summary><c>c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;</c> (RFC 4566 §5.7).</summary>
public sealed record SdpConnection(string NetType, string AddressType, string Address)
{
    public static SdpConnection ForAddress(System.Net.IPAddress address) =>
        new("IN", address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());

    /// <summary>The address without a multicast TTL/count suffix.</summary>
    public string Host => Address.Split('/')[0];

    public static ParseResult<SdpConnection> Parse(string value)
    {
        var parts = SdpFields.Split(value);
        return parts.Length == 3
            ? ParseResult<SdpConnection>.Ok(new SdpConnection(parts[0], parts[1], parts[2]))
            : ParseResult<SdpConnection>.Fail($"c= must have 3 fields: '{value}'");
    }

    public override string ToString() => AppendTo(new System.Text.StringBuilder()).ToString();

    /// <summary>The line's value as written (<c>nettype addrtype address</c>); <see cref="ToString"/> makes it a string.</summary>
    internal System.Text.StringBuilder AppendTo(System.Text.StringBuilder builder)
        => builder.Append(NetType).Append(' ').Append(AddressType).Append(' ').Append(Address);
}
