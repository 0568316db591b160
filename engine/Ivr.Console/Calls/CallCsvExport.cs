using System.Text;
using Ivr.Data.Operations;
using Ivr.OperationsConsole.Security;

namespace Ivr.OperationsConsole.Calls;

/// <summary>
/// Streams a call search as CSV (<see cref="CallCsv"/>) page by page (<see cref="CallSearch.StreamAsync"/>), so an
/// export of a million calls needs the memory of one page. Logged as an export with the number of calls sent,
/// <c>aborted</c> when the client went away before the end.
/// </summary>
internal static class CallCsvExport
{
    public static async Task StreamAsync(HttpContext http, CallSearch search, CallQuery query, AccessLog accessLog)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=calls.csv";
        var sent = 0;
        var outcome = "aborted";
        try
        {
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 1 << 16);
            await writer.WriteAsync(CallCsv.Header);
            await foreach (var call in search.StreamAsync(query, http.RequestAborted))
            {
                await writer.WriteAsync(CallCsv.Row(call));
                sent++;
            }
            await writer.FlushAsync(http.RequestAborted);
            outcome = "ok";
        }
        finally
        {
            await accessLog.WriteAsync(http, AccessLog.ExportCsv, "calls", outcome, $"{sent} calls");
        }
    }
}
