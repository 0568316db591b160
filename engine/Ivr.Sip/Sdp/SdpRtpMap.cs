namespace Ivr.Sip.Sdp;

/// <summary><c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]</c> (RFC 4566 §6).</summary>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    public static ParseResult<SdpRtpMap> Parse(string value)
    {
        var space = value.IndexOf(' ');
        var parts = space < 0 ? [] : value[(space + 1)..].Trim().Split('/');
        if (space < 0 || !int.TryParse(value[..space], out var pt) || parts.Length < 2 || !int.TryParse(parts[1], out var rate))
        {
            return ParseResult<SdpRtpMap>.Fail($"malformed rtpmap '{value}'");
        }

        int? channels = parts.Length > 2 && int.TryParse(parts[2], out var c) ? c : null;
        return ParseResult<SdpRtpMap>.Ok(new SdpRtpMap(pt, parts[0], rate, channels));
    }

    public override string ToString() =>
        $"{PayloadType} {EncodingName}/{ClockRate}" + (Channels is null ? string.Empty : $"/{Channels}");
}
