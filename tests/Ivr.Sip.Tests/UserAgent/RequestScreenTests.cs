using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Tests.UserAgent;

public sealed class RequestScreenTests
{
    private readonly EndpointHarness _h = new();

    [Fact]
    public void Options_OutOfDialog_200WithAllowAndAccept()
    {
        _h.Receive(TestMessages.Request("OPTIONS"));

        var ok = _h.LastResponse;
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, NOTIFY", ok.Headers.Get("Allow"));
        Assert.Equal("application/sdp", ok.Headers.Get("Accept"));
        Assert.NotNull(ok.To!.Tag);
    }

    [Theory]
    [InlineData("REGISTER", 405)]
    [InlineData("SUBSCRIBE", 405)]
    [InlineData("FROBNICATE", 501)]
    public void UnsupportedMethod_RejectedWithAllow(string method, int expected)
    {
        _h.Receive(TestMessages.Request(method));

        Assert.Equal(expected, _h.LastResponse.StatusCode);
        Assert.Equal(SipRequestScreen.AllowValue, _h.LastResponse.Headers.Get("Allow"));
    }

    [Fact]
    public void Invite_RequireUnknownExtension_420WithUnsupported()
    {
        _h.Receive(TestMessages.Request("INVITE", extraHeaders: "Require: 100rel, timer"));

        Assert.Equal(420, _h.LastResponse.StatusCode);
        Assert.Equal("100rel, timer", _h.LastResponse.Headers.Get("Unsupported"));
    }

    [Fact]
    public void Invite_NonSdpBody_415WithAccept()
    {
        _h.Receive(TestMessages.Request("INVITE", body: "<xml/>", contentType: "application/xml"));

        Assert.Equal(415, _h.LastResponse.StatusCode);
        Assert.Equal("application/sdp", _h.LastResponse.Headers.Get("Accept"));
    }

    [Fact]
    public void Bye_OutOfDialog_481()
    {
        _h.Receive(TestMessages.Request("BYE"));

        Assert.Equal(481, _h.LastResponse.StatusCode);
    }

    [Fact]
    public void Garbage_FromOneSource_LoggedOncePerMinute()
    {
        for (var i = 0; i < 50; i++)
        {
            _h.Receive("\x01\x02 not SIP at all\r\n\r\n"u8.ToArray());
        }

        Assert.Single(_h.Log.Warnings);
        _h.Time.Advance(TimeSpan.FromSeconds(61));
        _h.Receive("junk\r\n\r\n"u8.ToArray());
        Assert.Equal(3, _h.Log.Warnings.Count); // the new minute's first report, and the count of the minute that ended
        Assert.Contains(_h.Log.Warnings, w => w.Contains("dropped 50 SIP messages from", StringComparison.Ordinal) && w.Contains("malformed", StringComparison.Ordinal));
        Assert.Empty(_h.Sender.Sent);
    }

    [Fact]
    public void ContentLengthMismatch_Datagram_400WithReason()
    {
        var text = System.Text.Encoding.UTF8.GetString(Ivr.Sip.Message.SipSerializer.Serialize(TestMessages.Request("OPTIONS")));

        _h.Receive(text.Replace("Content-Length: 0", "Content-Length: 20"));

        Assert.Equal(400, _h.LastResponse.StatusCode);
        Assert.StartsWith("Content-Length mismatch", _h.LastResponse.ReasonPhrase);
    }
}
