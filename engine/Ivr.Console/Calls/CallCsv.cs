using System.Globalization;
using System.Text;
using Ivr.Core.Calls;

namespace Ivr.OperationsConsole.Calls;

/// <summary>
/// Calls as CSV (RFC 4180: CRLF lines, quoted fields with doubled quotes). A field a spreadsheet would
/// run as a formula (starting with = + - @ or a tab) is prefixed with an apostrophe.
/// </summary>
public static class CallCsv
{
    public const string Header = "call_id,caller_masked,dialled,flow_version,started_at,ended_at,disposition,path\r\n";

    public static string Write(IEnumerable<CallSummary> calls)
    {
        var text = new StringBuilder(Header);
        foreach (var c in calls) text.Append(Row(c));
        return text.ToString();
    }

    /// <summary>One call's line, CRLF included.</summary>
    public static string Row(CallSummary c) => string.Join(',', new[]
    {
        c.CallId, c.CallerMasked, c.Dialled, c.FlowVersion, Time(c.StartedAt), c.EndedAt is { } e ? Time(e) : "", c.Disposition ?? "",
        string.Join(' ', c.Path),
    }.Select(Field)) + "\r\n";

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
