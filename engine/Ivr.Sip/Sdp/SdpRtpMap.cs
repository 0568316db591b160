namespace Ivr.Sip.Sdp;

/// <summary><c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]</c> (RFC 4566 §6).</summary>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    public static ParseResult<SdpRtpMap> Parse(string value)
    {
        var space = value.IndexOf(' ');
        var parts = space < 0 ? [] : value[(space + 1)..].Trim().Split('/');
        if (!TryReadPayloadType(value, out var pt) || parts.Length < 2 || !int.TryParse(parts[1], out var rate))
        {
            return ParseResult<SdpRtpMap>.Fail($"malformed rtpmap '{value}'");
        }

        int? channels = parts.Length > 2 && int.TryParse(parts[2], out var c) ? c : null;
        return ParseResult<SdpRtpMap>.Ok(new SdpRtpMap(pt, parts[0], rate, channels));
    }

    /// <summary>The payload type an rtpmap value starts with (what <see cref="Parse"/> reads), without parsing the rest:
    /// an offer's rtpmaps are looked through for one type.</summary>
    public static bool TryReadPayloadType(string value, out int payloadType)
    {
        var space = value.IndexOf(' ');
        payloadType = 0;
        return space >= 0 && int.TryParse(value.AsSpan(0, space), out payloadType);
    }

    public override string ToString() =>
        $"{PayloadType} {EncodingName}/{ClockRate}" + (Channels is null ? string.Empty : $"/{Channels}");
}
