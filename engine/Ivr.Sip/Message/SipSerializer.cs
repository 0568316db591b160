using System.Text;

namespace Ivr.Sip.Message;

/// <summary>
/// Writes a message as bytes (RFC 3261 §7): start line, headers in order with their canonical names,
/// and a Content-Length that always matches the body (§20.14).
/// </summary>
public static class SipSerializer
{
    public static byte[] Serialize(SipMessage message)
    {
        var builder = new StringBuilder(512);
        builder.Append(message switch
        {
            SipRequest request => $"{request.Method} {request.RequestUri} {request.Version}",
            SipResponse response => $"{response.Version} {response.StatusCode} {response.ReasonPhrase}",
            _ => throw new ArgumentException("unknown message type", nameof(message)),
        }).Append("\r\n");

        foreach (var header in message.Headers)
        {
            if (header.Name == SipHeaderNames.ContentLength)
            {
                continue;
            }

            builder.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
        }

        builder.Append(SipHeaderNames.ContentLength).Append(": ").Append(message.Body.Length).Append("\r\n\r\n");
        var head = Encoding.UTF8.GetBytes(builder.ToString());
        if (message.Body.Length == 0)
        {
            return head;
        }

        var bytes = new byte[head.Length + message.Body.Length];
        head.CopyTo(bytes, 0);
        message.Body.CopyTo(bytes, head.Length);
        return bytes;
    }

    public static string ToText(SipMessage message) => Encoding.UTF8.GetString(Serialize(message));
}
