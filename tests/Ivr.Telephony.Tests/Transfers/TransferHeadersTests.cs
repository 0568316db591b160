using Ivr.Sip.Message;
using Ivr.Telephony.Transfers;

namespace Ivr.Telephony.Tests.Transfers;

public sealed class TransferHeadersTests
{
    [Theory]
    [InlineData("path", "X-Ivr-Path")]
    [InlineData("reason", "X-Ivr-Reason")]
    [InlineData("menu_path", "X-Ivr-Menu-Path")]
    [InlineData("IDENTITY", "X-Ivr-Identity")]
    [InlineData("a:b\r\nc", "X-Ivr-A-B-C")]
    public void HeaderName_ContextKey_XIvrToken(string key, string expected) =>
        Assert.Equal(expected, TransferHeaders.HeaderName(key));

    [Theory]
    [InlineData("")]
    [InlineData("__")]
    [InlineData("社保")]
    public void HeaderName_NoLetterOrDigit_Null(string key) => Assert.Null(TransferHeaders.HeaderName(key));

    [Fact]
    public void For_Context_QueueFirstThenEntriesSortedAndCleaned()
    {
        var headers = TransferHeaders.For("general", new Dictionary<string, string>
        {
            ["reason"] = "agent_requested",
            ["path"] = "main>pension\r\nBYE sip:x",
            ["identity"] = "110101********1234",
            ["__"] = "dropped",
        });

        Assert.Equal(
            [
                new SipHeader("X-Ivr-Queue", "general"),
                new SipHeader("X-Ivr-Identity", "110101********1234"),
                new SipHeader("X-Ivr-Path", "main>pension  BYE sip:x"),
                new SipHeader("X-Ivr-Reason", "agent_requested"),
            ],
            headers);
    }

    [Fact]
    public void For_LongValue_CutAtMaximum()
    {
        var headers = TransferHeaders.For("general", new Dictionary<string, string> { ["path"] = new string('a', 1000) });

        Assert.Equal(TransferHeaders.MaxValueLength, headers[1].Value.Length);
    }
}
