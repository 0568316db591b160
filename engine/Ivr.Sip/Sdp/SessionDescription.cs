using System.Text;

namespace Ivr.Sip.Sdp;

/// <summary>
/// A session description (RFC 4566 §5): v=, o=, s=, optional c=, t=, session attributes and media sections.
/// Lines this type has no property for are kept in <see cref="OtherLines"/> and written back in RFC order.
/// </summary>
public sealed class SessionDescription
{
    public SessionDescription(SdpOrigin origin, string sessionName = "-")
    {
        Origin = origin;
        SessionName = sessionName;
    }

    public int Version { get; set; }

    public SdpOrigin Origin { get; set; }

    public string SessionName { get; set; }

    public SdpConnection? Connection { get; set; }

    /// <summary>t= values; "0 0" (unbounded) by default.</summary>
    public List<string> Timings { get; } = ["0 0"];

    /// <summary>Other session-level lines (i=, u=, e=, p=, b=, r=, z=, k=) as "x=value".</summary>
    public List<string> OtherLines { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    public List<MediaDescription> Media { get; } = [];

    public SdpDirection? Direction => SdpDirections.Find(Attributes);

    public static ParseResult<SessionDescription> Parse(string text) => SdpParser.Parse(text);

    public static ParseResult<SessionDescription> Parse(ReadOnlySpan<byte> utf8) => SdpParser.Parse(Encoding.UTF8.GetString(utf8));

    /// <summary>The effective direction of a media section: its own attribute, else the session's, else sendrecv.</summary>
    public SdpDirection DirectionOf(MediaDescription media) => media.Direction ?? Direction ?? SdpDirection.SendRecv;

    public SdpConnection? ConnectionOf(MediaDescription media) => media.Connection ?? Connection;

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    public override string ToString()
    {
        var builder = new StringBuilder(512); // an answer's few hundred characters in one chunk
        builder.Append("v=").Append(Version).Append("\r\n");
        Origin.AppendTo(builder.Append("o=")).Append("\r\n");
        builder.Append("s=").Append(SessionName).Append("\r\n");
        AppendOther(builder, "iuep");
        if (Connection is not null)
        {
            Connection.AppendTo(builder.Append("c=")).Append("\r\n");
        }

        AppendOther(builder, "b");
        foreach (var timing in Timings)
        {
            builder.Append("t=").Append(timing).Append("\r\n");
        }

        AppendOther(builder, "rzk");
        foreach (var attribute in Attributes)
        {
            attribute.AppendTo(builder.Append("a=")).Append("\r\n");
        }

        foreach (var media in Media)
        {
            media.AppendTo(builder);
        }

        return builder.ToString();
    }

    private void AppendOther(StringBuilder builder, string types)
    {
        foreach (var line in OtherLines) // not LINQ: a closure per call, and every answer is written with it
        {
            if (types.Contains(line[0])) builder.Append(line).Append("\r\n");
        }
    }
}
