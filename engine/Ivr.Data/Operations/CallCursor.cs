using System.Buffers.Text;
using System.Text;

namespace Ivr.Data.Operations;

/// <summary>Where a page of calls ended (the last call's start and id), as the opaque URL-safe text a client sends back.</summary>
public sealed record CallCursor(DateTimeOffset StartedAt, string CallId)
{
    public override string ToString() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{DbTime.ToText(StartedAt)}|{CallId}"));

    public static bool TryParse(string text, out CallCursor? cursor)
    {
        cursor = null;
        try
        {
            var plain = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var bar = plain.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0) return false;
            cursor = new CallCursor(DbTime.FromText(plain[..bar]), plain[(bar + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
