using Ivr.Media.Dtmf;

namespace Ivr.Media.Tests.Dtmf;

public class SipInfoDtmfTests
{
    [Theory]
    [InlineData("Signal=5\r\nDuration=160\r\n", '5', 160)]
    [InlineData("Signal= #\nDuration= 250", '#', 250)]
    [InlineData("signal=*\r\n", '*', null)]
    [InlineData("Signal=11\r\nDuration=100", '#', 100)]
    [InlineData("Duration=100\r\nSignal=d", 'D', 100)]
    public void Parse_DtmfRelay(string body, char key, int? duration)
    {
        Assert.Equal(new SipInfoDtmf(key, duration), SipInfoDtmf.Parse("application/dtmf-relay", body, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("5", '5')]
    [InlineData(" 10\r\n", '*')]
    [InlineData("#", '#')]
    public void Parse_ApplicationDtmf(string body, char key) =>
        Assert.Equal(new SipInfoDtmf(key, null), SipInfoDtmf.Parse("Application/DTMF; charset=utf-8", body, out _));

    [Theory]
    [InlineData("application/dtmf-relay", "Duration=160", "no Signal")]
    [InlineData("application/dtmf-relay", "Signal=X", "not a key")]
    [InlineData("application/dtmf-relay", "Signal=16", "not a key")]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=long", "Duration")]
    [InlineData("application/dtmf-relay", "Signal 5", "without '='")]
    [InlineData("application/dtmf-relay", "", "empty")]
    [InlineData("application/sdp", "v=0", "unsupported")]
    [InlineData(null, "5", "unsupported")]
    public void Parse_BadBody_NullWithReason(string? contentType, string body, string reason)
    {
        Assert.Null(SipInfoDtmf.Parse(contentType, body, out var error));
        Assert.Contains(reason, error);
    }
}
