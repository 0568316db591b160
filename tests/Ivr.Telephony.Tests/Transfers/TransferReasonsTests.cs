using Ivr.Sip.Refer;
using Ivr.Telephony.Transfers;

namespace Ivr.Telephony.Tests.Transfers;

/// <summary>The outcome names flows read in <c>transfer_failure</c> stay what they were when Ivr.Sip reported strings.</summary>
public sealed class TransferReasonsTests
{
    [Theory]
    [InlineData(SipReferResult.Answered, "answered")]
    [InlineData(SipReferResult.Busy, "busy")]
    [InlineData(SipReferResult.NoAnswer, "no_answer")]
    [InlineData(SipReferResult.Rejected, "rejected")]
    [InlineData(SipReferResult.NotSupported, "not_supported")]
    [InlineData(SipReferResult.Timeout, "timeout")]
    [InlineData(SipReferResult.CallEnded, "call_ended")]
    [InlineData(SipReferResult.NotConfirmed, "not_confirmed")]
    [InlineData(SipReferResult.InProgress, "in_progress")]
    public void Of_EachResult_TheFlowsName(SipReferResult result, string name) => Assert.Equal(name, TransferReasons.Of(result));

    [Fact]
    public void Of_EveryResult_HasADistinctName() =>
        Assert.Equal(Enum.GetValues<SipReferResult>().Length, Enum.GetValues<SipReferResult>().Select(TransferReasons.Of).Distinct().Count());
}
