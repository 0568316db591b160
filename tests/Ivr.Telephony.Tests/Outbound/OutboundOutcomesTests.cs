using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Tests.Outbound;

public sealed class OutboundOutcomesTests
{
    [Theory]
    [InlineData(200, true, false, false, OutboundOutcome.Answered)]
    [InlineData(486, true, false, false, OutboundOutcome.Busy)]
    [InlineData(600, true, false, false, OutboundOutcome.Busy)]
    [InlineData(401, true, false, false, OutboundOutcome.AuthFailed)]
    [InlineData(407, false, false, false, OutboundOutcome.AuthFailed)]
    [InlineData(408, false, false, false, OutboundOutcome.Unreachable)]
    [InlineData(408, true, false, false, OutboundOutcome.NoAnswer)]
    [InlineData(480, true, false, false, OutboundOutcome.NoAnswer)]
    [InlineData(487, true, true, false, OutboundOutcome.NoAnswer)]
    [InlineData(408, false, true, false, OutboundOutcome.Unreachable)]
    [InlineData(487, true, false, true, OutboundOutcome.Cancelled)]
    [InlineData(403, true, false, false, OutboundOutcome.Rejected)]
    [InlineData(503, false, false, false, OutboundOutcome.Rejected)]
    [InlineData(487, true, false, false, OutboundOutcome.Rejected)]
    public void From_StatusAndContext_Maps(int status, bool provisional, bool ringTimedOut, bool cancelled, OutboundOutcome expected)
    {
        Assert.Equal(expected, OutboundOutcomes.From(status, provisional, ringTimedOut, cancelled));
    }

    [Fact]
    public void Reason_IsSnakeCase()
    {
        Assert.Equal(
            ["answered", "busy", "no_answer", "rejected", "auth_failed", "unreachable", "cancelled"],
            Enum.GetValues<OutboundOutcome>().Select(OutboundDialResult.ReasonOf));
    }
}
