using System.Text;

namespace Ivr.Sip.Transport;

/// <summary>
/// Cuts a byte stream into SIP messages by Content-Length (RFC 3261 §18.3). CRLF keep-alives between
/// messages (RFC 5626 §4.4.1) are skipped. A message without Content-Length is framed as having no body,
/// so the parser can answer it 400. Framing errors (headers or message over the size limit, unreadable
/// Content-Length) leave the stream unusable: the connection must be closed.
/// </summary>
public sealed class SipStreamFramer
{
    private readonly int _maxMessageSize;
    private byte[] _buffer = new byte[4096];
    private int _count;

    public SipStreamFramer(int maxMessageSize = SipParseOptions.DefaultMaxMessageSize)
    {
        _maxMessageSize = maxMessageSize;
    }

    /// <summary>Set once framing failed; the connection should be closed.</summary>
    public string? Error { get; private set; }

    public int Buffered => _count;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_count + data.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + data.Length));
        }

        data.CopyTo(_buffer.AsSpan(_count));
        _count += data.Length;
    }

    /// <summary>Returns the next complete message, or null when more bytes are needed or framing failed.</summary>
    public byte[]? TryReadMessage()
    {
        if (Error is not null)
        {
            return null;
        }

        var skip = 0;
        while (skip < _count && _buffer[skip] is (byte)'\r' or (byte)'\n')
        {
            skip++;
        }

        Consume(skip);
        var span = _buffer.AsSpan(0, _count);
        var headerEnd = span.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            if (_count > _maxMessageSize)
            {
                Error = $"headers exceed {_maxMessageSize} bytes";
            }

            return null;
        }

        var contentLength = ReadContentLength(span[..headerEnd]);
        if (contentLength is null)
        {
            Error = "unreadable Content-Length";
            return null;
        }

        var total = headerEnd + 4 + contentLength.Value;
        if (total > _maxMessageSize)
        {
            Error = $"message of {total} bytes exceeds {_maxMessageSize}";
            return null;
        }

        if (_count < total)
        {
            return null;
        }

        var message = span[..total].ToArray();
        Consume(total);
        return message;
    }

    private void Consume(int length)
    {
        if (length == 0)
        {
            return;
        }

        Buffer.BlockCopy(_buffer, length, _buffer, 0, _count - length);
        _count -= length;
    }

    /// <summary>The Content-Length value (0 when absent), or null when present but not a single non-negative number.</summary>
    private static int? ReadContentLength(ReadOnlySpan<byte> headers)
    {
        var lines = SipHeaderSection.UnfoldLines(Encoding.UTF8.GetString(headers));
        int? found = null;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || SipHeaderNames.Normalize(line[..colon].Trim()) != SipHeaderNames.ContentLength)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            if (found is not null || value.Length is 0 or > 9 || !SipGrammar.AllDigits(value))
            {
                return null;
            }

            found = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return found ?? 0;
    }
}
