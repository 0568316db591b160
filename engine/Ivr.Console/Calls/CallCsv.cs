using System.Buffers;
using System.Globalization;
using System.Text;
using Ivr.Data.Operations;

namespace Ivr.OperationsConsole.Calls;

/// <summary>
/// Calls as CSV (RFC 4180: CRLF lines, quoted fields with doubled quotes). A field a spreadsheet would
/// run as a formula (starting with = + - @ or a tab) is prefixed with an apostrophe. Lines are appended to a
/// caller's <see cref="StringBuilder"/>, so an export reuses one buffer and allocates nothing per field.
/// </summary>
public static class CallCsv
{
    public const string Header = "call_id,caller_masked,dialled,flow_version,started_at,ended_at,disposition,path\r\n";

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>Appends one call's line, CRLF included.</summary>
    public static void Append(StringBuilder text, CallListing c)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(c);
        Field(text, c.CallId).Append(',');
        Field(text, c.CallerMasked).Append(',');
        Field(text, c.Dialled).Append(',');
        Field(text, c.FlowVersion).Append(',');
        Time(text, c.StartedAt).Append(',');
        if (c.EndedAt is { } ended) Time(text, ended);
        text.Append(',');
        Field(text, c.Disposition ?? "").Append(',');
        Field(text, c.Path).Append("\r\n");
    }

    private static StringBuilder Time(StringBuilder text, DateTimeOffset at)
        => text.Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd'T'HH:mm:ss.fffzzz}");

    private static StringBuilder Field(StringBuilder text, string value)
    {
        var quoted = value.AsSpan().ContainsAny(NeedsQuotes);
        var formula = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (!quoted && !formula) return text.Append(value);
        if (quoted) text.Append('"');
        if (formula) text.Append('\'');
        if (!quoted) return text.Append(value);
        var start = text.Length;
        return text.Append(value).Replace("\"", "\"\"", start, value.Length).Append('"');
    }
}
