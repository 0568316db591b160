using System.Text;
using Ivr.Sip.Message;

namespace Ivr.Telephony.Transfers;

/// <summary>
/// The call context of a transfer as X- headers of the REFER: <c>X-Ivr-Queue</c>, then one
/// <c>X-Ivr-&lt;Name&gt;</c> per context entry (<c>path</c> → <c>X-Ivr-Path</c>, <c>menu_path</c> →
/// <c>X-Ivr-Menu-Path</c>). Values arrive masked from the flow engine; here they are only made safe for a
/// header line (control characters become spaces, at most <see cref="MaxValueLength"/> characters). Entries
/// whose name has no letter or digit are dropped.
/// </summary>
public static class TransferHeaders
{
    public const int MaxValueLength = 256;

    public static IReadOnlyList<SipHeader> For(string queue, IReadOnlyDictionary<string, string> context)
    {
        var headers = new List<SipHeader>(context.Count + 1) { new("X-Ivr-Queue", Clean(queue)) };
        foreach (var (name, value) in context.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (HeaderName(name) is { } header)
            {
                headers.Add(new SipHeader(header, Clean(value)));
            }
        }

        return headers;
    }

    /// <summary><c>X-Ivr-</c> and the name's letter/digit runs, each capitalized and joined by '-'; null when none.</summary>
    public static string? HeaderName(string name)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        foreach (var c in name + " ")
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                part.Append(part.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            }
            else if (part.Length > 0)
            {
                parts.Add(part.ToString());
                part.Clear();
            }
        }

        return parts.Count == 0 ? null : "X-Ivr-" + string.Join('-', parts);
    }

    private static string Clean(string? value)
    {
        var text = new StringBuilder(value?.Length ?? 0);
        foreach (var c in value ?? string.Empty)
        {
            text.Append(char.IsControl(c) ? ' ' : c);
        }

        var clean = text.ToString().Trim();
        return clean.Length > MaxValueLength ? clean[..MaxValueLength] : clean;
    }
}
