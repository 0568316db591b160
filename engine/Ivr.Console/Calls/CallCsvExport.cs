using System.Text;
using Ivr.Data.Operations;
using Ivr.OperationsConsole.Memory;
using Ivr.OperationsConsole.Security;

namespace Ivr.OperationsConsole.Calls;

/// <summary>
/// Streams a call search as CSV (<see cref="CallCsv"/>) page by page (<see cref="CallSearch.StreamAsync"/>), so an
/// export of a million calls needs the memory of one page. Lines gather in one reused buffer that is written out
/// whenever it holds <see cref="FlushAt"/> characters. Logged as an export with the number of calls sent,
/// <c>aborted</c> when the client went away before the end. An export of <see cref="LargeExport"/> calls or more asks for a
/// <see cref="HeapTrim"/> when it ends: the rows it read are garbage the server GC would otherwise keep committed.
/// </summary>
internal static class CallCsvExport
{
    private const int FlushAt = 1 << 15;

    /// <summary>Calls from which an export is followed by a <see cref="HeapTrim"/> (a month at ~1,000 calls a day).</summary>
    public const int LargeExport = 10_000;

    public static async Task StreamAsync(HttpContext http, CallSearch search, CallQuery query, AccessLog accessLog, HeapTrim heapTrim)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=calls.csv";
        var sent = 0;
        var outcome = "aborted";
        try
        {
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 1 << 16);
            var lines = new StringBuilder(FlushAt + 1024).Append(CallCsv.Header);
            await foreach (var call in search.StreamAsync(query, http.RequestAborted))
            {
                CallCsv.Append(lines, call);
                sent++;
                if (lines.Length < FlushAt) continue;
                await writer.WriteAsync(lines, http.RequestAborted);
                lines.Clear();
            }
            await writer.WriteAsync(lines, http.RequestAborted);
            await writer.FlushAsync(http.RequestAborted);
            outcome = "ok";
        }
        finally
        {
            await accessLog.WriteAsync(http, AccessLog.ExportCsv, "calls", outcome, $"{sent} calls");
            if (sent >= LargeExport) heapTrim.Request();
        }
    }
}
