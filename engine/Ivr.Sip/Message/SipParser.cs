using System.Buffers;
using System.Text;

namespace Ivr.Sip.Message;

/// <summary>
/// Parses one SIP message from bytes (RFC 3261 §7, §18.3, §25). Never throws on bad input: every failure
/// comes back as a <see cref="SipParseResult"/> with a reason. Handles leading CRLFs (§7.5), header folding
/// (§7.3.1), compact names, and Content-Length against the datagram or stream framing. The header section is decoded
/// into a pooled buffer, not a string of its own: only the start line and each header's value become strings (the whole
/// section as one more string was ~4 % of what a call's set-up allocated, issue 13, session 17).
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
        var header = data[start..headerEnd];
        var text = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(header.Length));
        try
        {
            var message = ParseHeaders(new HeaderLineReader(text.AsSpan(0, Encoding.UTF8.GetChars(header, text))), section is not null, out var failure);
            return failure ?? AttachBody(message!, data[bodyStart..], options);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text);
        }
    }

    /// <summary>The start line and the headers; <paramref name="failure"/> set (the message with it where one was read)
    /// when they do not make a message, or when <paramref name="complete"/> is false (no empty line ended them).</summary>
    private static SipMessage? ParseHeaders(HeaderLineReader lines, bool complete, out SipParseResult? failure)
    {
        failure = null;
        lines.Read(out var first);
        var firstLine = first.ToString();
        var startLine = SipStartLineParser.Parse(firstLine);
        var message = startLine.Value ?? SipStartLineParser.SalvageRequest(firstLine);
        if (message is null)
        {
            failure = SipParseResult.Fail(startLine.Error!);
            return null;
        }

        while (lines.Read(out var line))
        {
            if (line.Length == 0 && !complete)
            {
                continue;
            }

            var error = AddHeader(message, line);
            if (error is not null)
            {
                failure = SipParseResult.Fail(error);
                return null;
            }
        }

        if (!startLine.IsSuccess)
        {
            failure = SipParseResult.Fail(startLine.Error!, message);
        }
        else if (!complete)
        {
            // A datagram (or a stream framed by the caller) that ends inside the header section.
            failure = SipParseResult.Fail("incomplete message: no empty line after the headers", message);
        }

        return message;
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
