namespace Ivr.Core.Fax;

/// <param name="Outcome">How it ended.</param>
/// <param name="PagesSent">Pages the receiver confirmed.</param>
/// <param name="PagesTotal">Pages in the document.</param>
/// <param name="ResultCode">The T.30 completion code (0 = OK) or -1 when no T.30 session ran.</param>
/// <param name="Detail">A short, loggable description (never a fax number in clear).</param>
public sealed record FaxResult(FaxOutcome Outcome, int PagesSent, int PagesTotal, int ResultCode, string Detail)
{
    public bool Succeeded => Outcome == FaxOutcome.Sent;

    public static FaxResult Unavailable(string detail) => new(FaxOutcome.Unavailable, 0, 0, -1, detail);
}
