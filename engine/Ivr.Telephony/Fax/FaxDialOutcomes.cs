using Ivr.Core.Fax;
using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Fax;

/// <summary>How a fax call that was never answered (or answered by no fax machine) ends, in the job queue's words.</summary>
internal static class FaxDialOutcomes
{
    /// <summary>spandsp 0.0.6 T30_ERR_T0_EXPIRED and T30_ERR_T1_EXPIRED: nothing that speaks T.30 answered.</summary>
    private const int NoFaxToneCode = 2, NoFirstMessageCode = 3;

    /// <summary>An unanswered call: busy and no answer are retried by the job queue; everything else failed.</summary>
    public static FaxResult OfUnanswered(OutboundDialResult dial, int pages) => dial.Outcome switch
    {
        OutboundOutcome.Busy => new FaxResult(FaxOutcome.Busy, 0, pages, -1, dial.ToString()),
        OutboundOutcome.NoAnswer => new FaxResult(FaxOutcome.NoAnswer, 0, pages, -1, dial.ToString()),
        _ => new FaxResult(FaxOutcome.Failed, 0, pages, -1, dial.ToString()),
    };

    /// <summary>An answered call: a person or a voice box (no T.30 at all) counts as no answer from a fax machine.</summary>
    public static FaxResult OfAnswered(FaxResult transmission) =>
        transmission.Outcome == FaxOutcome.Failed && transmission.ResultCode is NoFaxToneCode or NoFirstMessageCode
            ? transmission with { Outcome = FaxOutcome.NoAnswer, Detail = $"answered, but no fax machine: {transmission.Detail}" }
            : transmission;
}
