using Ivr.Core.Fax;

namespace Ivr.Fax;

/// <summary>Phase-E results in the flow's words.</summary>
public static class FaxOutcomes
{
    /// <summary>Sent when T.30 ended well and every page was confirmed; PartiallySent when some were; Failed otherwise.</summary>
    public static FaxResult OfTransmission(FaxSessionResult result, int pagesInDocument)
    {
        ArgumentNullException.ThrowIfNull(result);
        var total = pagesInDocument > 0 ? pagesInDocument : Math.Max(result.PagesInFile, result.PagesTransmitted);
        var sent = result.PagesTransmitted;
        var outcome = result.Succeeded && sent >= total ? FaxOutcome.Sent
            : sent > 0 ? FaxOutcome.PartiallySent
            : FaxOutcome.Failed;
        var mode = result.ErrorCorrection ? "ECM" : "no ECM";
        return new FaxResult(outcome, sent, total, result.CompletionCode, $"{result.CompletionText} ({sent}/{total} pages, {mode}, {result.BitRate} bit/s)");
    }
}
