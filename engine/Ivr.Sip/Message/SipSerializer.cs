using System.Text;

namespace Ivr.Sip.Message;

/// <summary>
/// Writes a message as bytes (RFC 3261 §7): start line, headers in order with their canonical names,
/// and a Content-Length that always matches the body (§20.14). The bytes are counted first and written once into
/// the one array returned (no text copy of the message: every answer of a call set-up goes through here).
/// </summary>
public static class SipSerializer
{
    private static readonly Encoding Utf8 = Encoding.UTF8;

    public static byte[] Serialize(SipMessage message)
    {
        var (first, second, third) = message switch
        {
            SipRequest request => (request.Method, request.RequestUri.ToString(), request.Version),
            SipResponse response => (response.Version, response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                response.ReasonPhrase),
            _ => throw new ArgumentException("unknown message type", nameof(message)),
        };

        var length = Utf8.GetByteCount(first) + 1 + Utf8.GetByteCount(second) + 1 + Utf8.GetByteCount(third) + 2;
        foreach (var header in message.Headers)
        {
            if (header.Name != SipHeaderNames.ContentLength)
            {
                length += Utf8.GetByteCount(header.Name) + 2 + Utf8.GetByteCount(header.Value) + 2;
            }
        }

        var bodyLength = message.Body.Length;
        length += SipHeaderNames.ContentLength.Length + 2 + DigitsOf(bodyLength) + 4 + bodyLength;

        var bytes = new byte[length];
        var at = 0;
        Put(bytes, ref at, first);
        Put(bytes, ref at, " "u8);
        Put(bytes, ref at, second);
        Put(bytes, ref at, " "u8);
        Put(bytes, ref at, third);
        Put(bytes, ref at, "\r\n"u8);
        foreach (var header in message.Headers)
        {
            if (header.Name != SipHeaderNames.ContentLength)
            {
                Put(bytes, ref at, header.Name);
                Put(bytes, ref at, ": "u8);
                Put(bytes, ref at, header.Value);
                Put(bytes, ref at, "\r\n"u8);
            }
        }

        Put(bytes, ref at, SipHeaderNames.ContentLength);
        Put(bytes, ref at, ": "u8);
        bodyLength.TryFormat(bytes.AsSpan(at), out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        at += digits;
        Put(bytes, ref at, "\r\n\r\n"u8);
        Put(bytes, ref at, message.Body);
        return at == length ? bytes : throw new InvalidOperationException($"wrote {at} bytes of the {length} counted");
    }

    public static string ToText(SipMessage message) => Encoding.UTF8.GetString(Serialize(message));

    private static int DigitsOf(int value)
    {
        var digits = 1;
        for (; value >= 10; value /= 10) digits++;
        return digits;
    }

    private static void Put(byte[] bytes, ref int at, string text) => at += Utf8.GetBytes(text, bytes.AsSpan(at));

    private static void Put(byte[] bytes, ref int at, ReadOnlySpan<byte> data)
    {
        data.CopyTo(bytes.AsSpan(at));
        at += data.Length;
    }
}
