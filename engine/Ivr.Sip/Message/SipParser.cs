using System.Text;

namespace Ivr.Sip.Message;

/// <summary>
/// Parses one SIP message from bytes (RFC 3261 §7, §18.3, §25). Never throws on bad input: every failure
/// comes back as a <see cref="SipParseResult"/> with a reason. Handles leading CRLFs (§7.5), header folding
/// (§7.3.1), compact names, and Content-Length against the datagram or stream framing.
/// </summary>
public static class SipParser
{
    public static SipParseResult Parse(ReadOnlySpan<byte> data, SipParseOptions? options = null)
    {
        options ??= SipParseOptions.Datagram;
        if (data.Length > options.MaxMessageSize)
        {
            return SipParseResult.Oversized(data.Length, options.MaxMessageSize);
        }

        var start = 0;
        while (start < data.Length && data[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start == data.Length)
        {
            return SipParseResult.Fail("empty message");
        }

        var section = SipHeaderSection.Find(data, start);
        var (headerEnd, bodyStart) = section ?? (data.Length, data.Length);
        var lines = new HeaderLineReader(Encoding.UTF8.GetString(data[start..headerEnd]));
        lines.Read(out var first);
        var firstLine = first.ToString();
        var startLine = SipStartLineParser.Parse(firstLine);
        var message = startLine.Value ?? SipStartLineParser.SalvageRequest(firstLine);
        if (message is null)
        {
            return SipParseResult.Fail(startLine.Error!);
        }

        while (lines.Read(out var line))
        {
            if (line.Length == 0 && section is null)
            {
                continue;
            }

            var error = AddHeader(message, line);
            if (error is not null)
            {
                return SipParseResult.Fail(error);
            }
        }

        if (!startLine.IsSuccess)
        {
            return SipParseResult.Fail(startLine.Error!, message);
        }

        if (section is null)
        {
            // A datagram (or a stream framed by the caller) that ends inside the header section.
            return SipParseResult.Fail("incomplete message: no empty line after the headers", message);
        }

        return AttachBody(message, data[bodyStart..], options);
    }

    /// <summary>Adds one header line: a known name is its canonical string, the value the one new string.</summary>
    private static string? AddHeader(SipMessage message, ReadOnlySpan<char> line)
    {
        var colon = line.IndexOf(':');
        if (colon < 0)
        {
            return $"header line without ':': '{Truncate(line)}'";
        }

        var name = line[..colon].TrimEnd(" \t");
        if (!SipGrammar.IsToken(name))
        {
            return $"invalid header name '{Truncate(name)}'";
        }

        message.Headers.Add(SipHeaderNames.Normalize(name), line[(colon + 1)..].Trim(" \t").ToString());
        return null;
    }

    private static SipParseResult AttachBody(SipMessage message, ReadOnlySpan<byte> available, SipParseOptions options)
    {
        var lengths = message.Headers.GetValues(SipHeaderNames.ContentLength);
        if (lengths.Count > 1)
        {
            return SipParseResult.Fail("multiple Content-Length headers", message);
        }

        int? contentLength = null;
        if (lengths.Count == 1)
        {
            var text = lengths[0].Trim();
            if (text.Length == 0 || text.Length > 9 || !SipGrammar.AllDigits(text))
            {
                return SipParseResult.Fail($"invalid Content-Length '{Truncate(text)}'", message);
            }

            contentLength = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (contentLength is null)
        {
            if (options.IsStream)
            {
                return SipParseResult.Fail("missing Content-Length on a stream transport", message);
            }

            message.Body = available.ToArray();
            return SipParseResult.Ok(message);
        }

        if (contentLength > available.Length)
        {
            var what = options.IsStream ? "stream" : "datagram";
            return SipParseResult.Fail(
                $"Content-Length mismatch: header says {contentLength} bytes, the {what} carries {available.Length}",
                message);
        }

        message.Body = available[..contentLength.Value].ToArray();
        return SipParseResult.Ok(message);
    }

    private static string Truncate(ReadOnlySpan<char> text) => text.Length > 40 ? string.Concat(text[..40], "…") : text.ToString();
}
