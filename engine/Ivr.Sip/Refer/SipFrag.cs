using System.Globalization;
using System.Text;

namespace Ivr.Sip.Refer;

/// <summary>
/// Reads the status line of a <c>message/sipfrag</c> body (RFC 3420) as carried by a REFER's NOTIFY
/// (RFC 3515 §2.4.5): <c>SIP/2.0 200 OK</c>, possibly followed by header lines we ignore.
/// </summary>
public static class SipFrag
{
    public const string ContentType = "message/sipfrag";

    /// <summary>The status code of the sipfrag's first line; null when it is not a SIP status line.</summary>
    public static int? ReadStatus(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body);
        var end = text.IndexOfAny(['\r', '\n']);
        var line = (end < 0 ? text : text[..end]).Trim();
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[0].Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase) || parts[1].Length != 3)
        {
            return null;
        }

        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 699
            ? code
            : null;
    }

    /// <summary>
    /// The transfer outcome for a final status of the referred call: 2xx answered; 486/600 busy;
    /// 408/480/487 no answer; anything else 3xx–6xx rejected. Null for a provisional status.
    /// </summary>
    public static SipReferOutcome? OutcomeOf(int status) => status switch
    {
        < 200 => null,
        < 300 => new SipReferOutcome(SipReferResult.Answered, status),
        486 or 600 => new SipReferOutcome(SipReferResult.Busy, status),
        408 or 480 or 487 => new SipReferOutcome(SipReferResult.NoAnswer, status),
        _ => new SipReferOutcome(SipReferResult.Rejected, status),
    };
}
