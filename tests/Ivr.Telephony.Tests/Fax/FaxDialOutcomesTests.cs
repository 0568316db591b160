using Ivr.Core.Fax;
using Ivr.Telephony.Fax;
using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Tests.Fax;

public sealed class FaxDialOutcomesTests
{
    [Theory]
    [InlineData(OutboundOutcome.Busy, 486, FaxOutcome.Busy)]
    [InlineData(OutboundOutcome.NoAnswer, 480, FaxOutcome.NoAnswer)]
    [InlineData(OutboundOutcome.Rejected, 404, FaxOutcome.Failed)]
    [InlineData(OutboundOutcome.AuthFailed, 401, FaxOutcome.Failed)]
    [InlineData(OutboundOutcome.Unreachable, 0, FaxOutcome.Failed)]
    public void OfUnanswered_BusyAndNoAnswerKeptForRetry_RestFailed(OutboundOutcome dial, int status, FaxOutcome expected)
    {
        var result = FaxDialOutcomes.OfUnanswered(new OutboundDialResult(dial, status, "why"), pages: 3);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal((0, 3, -1), (result.PagesSent, result.PagesTotal, result.ResultCode));
        Assert.Contains("why", result.Detail);
    }

    [Theory]
    [InlineData(2, FaxOutcome.NoAnswer)] // T0 expired: no fax tone at all (a person or a voice box)
    [InlineData(3, FaxOutcome.NoAnswer)] // T1 expired
    [InlineData(21, FaxOutcome.Failed)]
    public void OfAnswered_NoFaxMachine_IsNoAnswer(int code, FaxOutcome expected)
    {
        var result = FaxDialOutcomes.OfAnswered(new FaxResult(FaxOutcome.Failed, 0, 1, code, "x"));

        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public void OfAnswered_Sent_StaysSent()
    {
        var sent = new FaxResult(FaxOutcome.Sent, 1, 1, 0, "OK");

        Assert.Same(sent, FaxDialOutcomes.OfAnswered(sent));
    }
}
