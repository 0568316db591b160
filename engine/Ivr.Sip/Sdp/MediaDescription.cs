using System.Text;

namespace Ivr.Sip.Sdp;

/// <summary>An <c>m=</c> section with its c=, b= and a= lines (RFC 4566 §5.14).</summary>
public sealed class MediaDescription
{
    public MediaDescription(string media, int port, string protocol, IEnumerable<string> formats)
    {
        Media = media;
        Port = port;
        Protocol = protocol;
        Formats = formats.ToList();
    }

    public string Media { get; }

    /// <summary>Transport port; 0 marks a rejected or disabled stream (RFC 3264 §6).</summary>
    public int Port { get; set; }

    public int? PortCount { get; set; }

    public string Protocol { get; }

    public List<string> Formats { get; }

    public SdpConnection? Connection { get; set; }

    /// <summary>Other media-level lines (i=, b=, k=) as "x=value", kept in order.</summary>
    public List<string> OtherLines { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>The direction attribute of this section, or null when it has none (then the session one applies).</summary>
    public SdpDirection? Direction => SdpDirections.Find(Attributes);

    public IEnumerable<SdpRtpMap> RtpMaps =>
        Attributes.Where(a => a.Name == "rtpmap" && a.Value is not null)
            .Select(a => SdpRtpMap.Parse(a.Value!))
            .Where(r => r.IsSuccess)
            .Select(r => r.Value!);

    /// <summary>The first well-formed rtpmap of <paramref name="payloadType"/>, or null (read at every offer: no LINQ).</summary>
    public SdpRtpMap? GetRtpMap(int payloadType)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Name != "rtpmap" || attribute.Value is not { } value) continue;
            if (!SdpRtpMap.TryReadPayloadType(value, out var type) || type != payloadType) continue; // only the matching line parsed
            var map = SdpRtpMap.Parse(value);
            if (map.IsSuccess) return map.Value;
        }

        return null;
    }

    public string? GetAttribute(string name)
    {
        foreach (var attribute in Attributes)
            if (attribute.Name == name) return attribute.Value;
        return null;
    }

    internal void AppendTo(StringBuilder builder)
    {
        builder.Append("m=").Append(Media).Append(' ').Append(Port);
        if (PortCount is not null)
        {
            builder.Append('/').Append(PortCount.Value);
        }

        builder.Append(' ').Append(Protocol);
        foreach (var format in Formats)
        {
            builder.Append(' ').Append(format);
        }

        builder.Append("\r\n");
        foreach (var line in OtherLines)
        {
            if (line.StartsWith("i=", StringComparison.Ordinal)) builder.Append(line).Append("\r\n");
        }

        if (Connection is not null)
        {
            Connection.AppendTo(builder.Append("c=")).Append("\r\n");
        }

        foreach (var line in OtherLines)
        {
            if (!line.StartsWith("i=", StringComparison.Ordinal)) builder.Append(line).Append("\r\n");
        }

        foreach (var attribute in Attributes)
        {
            attribute.AppendTo(builder.Append("a=")).Append("\r\n");
        }
    }
}
