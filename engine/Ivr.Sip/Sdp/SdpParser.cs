using Ivr.Sip.Message;

namespace Ivr.Sip.Sdp;

/// <summary>
/// Parses SDP text (RFC 4566 §5). Strict where it matters to offer/answer (v=0 first, o= and m= fields,
/// numeric ports), lenient elsewhere (unknown lines kept, missing t= tolerated). Never throws.
/// </summary>
public static class SdpParser
{
    public static ParseResult<SessionDescription> Parse(string text)
    {
        SessionDescription? session = null;
        MediaDescription? media = null;
        var sawTiming = false;
        var sawVersion = false;
        foreach (var range in text.AsSpan().Split('\n')) // lines as slices of the text: only each value becomes a string
        {
            var line = text.AsSpan(range).TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (!sawVersion)
            {
                if (!line.SequenceEqual("v=0"))
                {
                    return Fail("SDP must start with v=0");
                }

                sawVersion = true;
                continue;
            }

            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                return Fail($"malformed SDP line '{line}'");
            }

            if (line.IndexOfAny('\r', '\0') >= 0)
            {
                // RFC 8866 §9: a value is a byte-string without NUL, CR or LF. A bare CR inside a line would vanish
                // as a line end once written out again (a field lost, the description changed under us).
                return Fail($"SDP line '{line[0]}=' holds a CR or NUL inside its value");
            }

            var type = line[0];
            var value = line[2..]; // a string only where a field parser needs one (o=, m=, c=); attributes, s= and t= come from the string table
            if (session is null)
            {
                if (type != 'o')
                {
                    return Fail("o= must follow v=");
                }

                var origin = SdpOrigin.Parse(value.ToString());
                if (!origin.IsSuccess)
                {
                    return Fail(origin.Error!);
                }

                session = new SessionDescription(origin.Value!, string.Empty);
                session.Timings.Clear();
                continue;
            }

            var error = type switch
            {
                'm' => AddMedia(session, value.ToString(), out media),
                'c' => SetConnection(session, media, value.ToString()),
                'a' => AddAttribute(session, media, value),
                's' when media is null => SetName(session, value),
                't' when media is null => AddTiming(session, value, ref sawTiming),
                _ => AddOther(session, media, line.ToString()),
            };
            if (error is not null)
            {
                return Fail(error);
            }
        }

        if (!sawVersion)
        {
            return Fail("SDP must start with v=0");
        }

        if (session is null)
        {
            return Fail("SDP has no o= line");
        }

        if (!sawTiming)
        {
            session.Timings.Add("0 0");
        }

        return ParseResult<SessionDescription>.Ok(session);
    }

    private static string? AddMedia(SessionDescription session, string value, out MediaDescription? media)
    {
        media = null;
        var parts = SdpFields.Split(value);
        if (parts.Length < 4)
        {
            return $"m= needs media, port, proto and at least one format: '{value}'";
        }

        var portParts = parts[1].Split('/');
        if (!int.TryParse(portParts[0], out var port) || port is < 0 or > 65535)
        {
            return $"invalid media port '{parts[1]}'";
        }

        media = new MediaDescription(parts[0], port, parts[2], parts.Skip(3));
        if (portParts.Length > 1 && int.TryParse(portParts[1], out var count))
        {
            media.PortCount = count;
        }

        session.Media.Add(media);
        return null;
    }

    private static string? SetConnection(SessionDescription session, MediaDescription? media, string value)
    {
        var connection = SdpConnection.Parse(value);
        if (!connection.IsSuccess)
        {
            return connection.Error;
        }

        if (media is null)
        {
            session.Connection = connection.Value;
        }
        else
        {
            media.Connection = connection.Value;
        }

        return null;
    }

    private static string? AddAttribute(SessionDescription session, MediaDescription? media, ReadOnlySpan<char> value)
    {
        var colon = value.IndexOf(':');
        var attribute = colon < 0
            ? new SdpAttribute(SipStrings.Of(value), null)
            : new SdpAttribute(SipStrings.Of(value[..colon]), SipStrings.Of(value[(colon + 1)..]));
        (media?.Attributes ?? session.Attributes).Add(attribute);
        return null;
    }

    private static string? SetName(SessionDescription session, ReadOnlySpan<char> value)
    {
        session.SessionName = SipStrings.Of(value); // most peers name every session alike ("-", RFC 8866 §5.3)
        return null;
    }

    private static string? AddTiming(SessionDescription session, ReadOnlySpan<char> value, ref bool sawTiming)
    {
        sawTiming = true;
        session.Timings.Add(SipStrings.Of(value));
        return null;
    }

    private static string? AddOther(SessionDescription session, MediaDescription? media, string line)
    {
        (media?.OtherLines ?? session.OtherLines).Add(line);
        return null;
    }

    private static ParseResult<SessionDescription> Fail(string error) => ParseResult<SessionDescription>.Fail(error);
}
