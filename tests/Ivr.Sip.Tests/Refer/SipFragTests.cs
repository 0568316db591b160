using System.Text;
using Ivr.Sip.Refer;

namespace Ivr.Sip.Tests.Refer;

public sealed class SipFragTests
{
    [Theory]
    [InlineData("SIP/2.0 200 OK\r\n", 200)]
    [InlineData("SIP/2.0 100 Trying", 100)]
    [InlineData("SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n\r\n", 486)]
    [InlineData("  sip/2.0 603 Decline\r\n", 603)]
    [InlineData("SIP/2.0 180\r\n", 180)]
    public void ReadStatus_StatusLine_ReturnsCode(string body, int expected) =>
        Assert.Equal(expected, SipFrag.ReadStatus(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\n")]
    [InlineData("SIP/2.0 20 OK")]
    [InlineData("SIP/2.0 2000 OK")]
    [InlineData("SIP/2.0 abc OK")]
    [InlineData("SIP/2.0 700 Nope")]
    [InlineData("HTTP/1.1 200 OK")]
    public void ReadStatus_NotAStatusLine_Null(string body) =>
        Assert.Null(SipFrag.ReadStatus(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData(200, true, SipReferResult.Answered)]
    [InlineData(202, true, SipReferResult.Answered)]
    [InlineData(486, false, SipReferResult.Busy)]
    [InlineData(600, false, SipReferResult.Busy)]
    [InlineData(480, false, SipReferResult.NoAnswer)]
    [InlineData(408, false, SipReferResult.NoAnswer)]
    [InlineData(487, false, SipReferResult.NoAnswer)]
    [InlineData(603, false, SipReferResult.Rejected)]
    [InlineData(404, false, SipReferResult.Rejected)]
    [InlineData(503, false, SipReferResult.Rejected)]
    [InlineData(302, false, SipReferResult.Rejected)]
    public void OutcomeOf_FinalStatus_MapsResult(int status, bool succeeded, SipReferResult result)
    {
        var outcome = SipFrag.OutcomeOf(status);

        Assert.Equal(new SipReferOutcome(result, status), outcome);
        Assert.Equal(succeeded, outcome!.Succeeded);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(180)]
    public void OutcomeOf_Provisional_Null(int status) => Assert.Null(SipFrag.OutcomeOf(status));
}
