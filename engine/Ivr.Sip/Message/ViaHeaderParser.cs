namespace Ivr.Sip.Message;

/// <summary>Parses one via-parm (RFC 3261 §25.1) with the LWS the grammar allows around "/" and ":".</summary>
internal static class ViaHeaderParser
{
    public static ParseResult<ViaHeader> Parse(string text)
    {
        var i = 0;
        Skip(text, ref i);
        if (!ReadToken(text, ref i, out var protocol) || !protocol.Equals("SIP", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult<ViaHeader>.Fail($"Via must start with SIP/: '{text}'");
        }

        if (!Expect(text, ref i, '/') || !ReadToken(text, ref i, out var version) || !Expect(text, ref i, '/')
            || !ReadToken(text, ref i, out var transport))
        {
            return ParseResult<ViaHeader>.Fail($"malformed Via sent-protocol: '{text}'");
        }

        var beforeHost = i;
        Skip(text, ref i);
        if (i == beforeHost)
        {
            return ParseResult<ViaHeader>.Fail("Via needs whitespace before sent-by");
        }

        var hostStart = i;
        if (i < text.Length && text[i] == '[')
        {
            var close = text.IndexOf(']', i);
            i = close < 0 ? text.Length : close + 1;
        }
        else
        {
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '.'))
            {
                i++;
            }
        }

        var hostEnd = i;
        var portStart = -1;
        var portEnd = -1;
        Skip(text, ref i);
        if (i < text.Length && text[i] == ':')
        {
            i++;
            Skip(text, ref i);
            portStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            portEnd = i;
        }

        // host ":" port without the whitespace the grammar allows around ':' (rare: only then a new string)
        var hostText = portStart < 0 ? text.AsSpan(hostStart, hostEnd - hostStart)
            : portStart == hostEnd + 1 ? text.AsSpan(hostStart, portEnd - hostStart)
            : string.Concat(text.AsSpan(hostStart, hostEnd - hostStart), ":", text.AsSpan(portStart, portEnd - portStart));
        var hostPort = SipUriParser.ParseHostPort(hostText);
        if (!hostPort.IsSuccess)
        {
            return ParseResult<ViaHeader>.Fail($"invalid Via sent-by: {hostPort.Error}");
        }

        var parameters = SipParameterList.Parse(text[i..]);
        if (!parameters.IsSuccess)
        {
            return ParseResult<ViaHeader>.Fail($"invalid Via parameters: {parameters.Error}");
        }

        var (host, port) = hostPort.Value;
        return ParseResult<ViaHeader>.Ok(new ViaHeader(transport, host, port, parameters.Value, version));
    }

    private static bool Expect(string text, ref int i, char c)
    {
        Skip(text, ref i);
        if (i >= text.Length || text[i] != c)
        {
            return false;
        }

        i++;
        Skip(text, ref i);
        return true;
    }

    private static bool ReadToken(string text, ref int i, out string token)
    {
        var start = i;
        while (i < text.Length && SipGrammar.IsTokenChar(text[i]))
        {
            i++;
        }

        token = SipStrings.Of(text.AsSpan(start, i - start)); // SIP, 2.0, UDP …
        return token.Length > 0;
    }

    private static void Skip(string text, ref int i)
    {
        while (i < text.Length && SipGrammar.IsWhitespace(text[i]))
        {
            i++;
        }
    }
}
