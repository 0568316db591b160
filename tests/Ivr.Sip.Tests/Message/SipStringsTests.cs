using System.Text;
using Ivr.Sip.Message;

namespace Ivr.Sip.Tests.Message;

/// <summary>Repeated short strings of messages are made once; any text still reads back as itself.</summary>
public sealed class SipStringsTests
{
    [Fact]
    public void Of_SameTextTwice_TheSameString()
    {
        var first = SipStrings.Of("branch".AsSpan());

        Assert.Same(first, SipStrings.Of("xbranch".AsSpan(1)));
        Assert.Equal("branch", first);
    }

    [Fact]
    public void Of_ManyDifferentTexts_EachReadsBackAsItself_LongOnesNotKept()
    {
        for (var i = 0; i < 5000; i++)
        {
            var text = $"p{i}";
            Assert.Equal(text, SipStrings.Of(text.AsSpan()));
        }

        var longText = new string('h', 100);
        Assert.Equal(longText, SipStrings.Of(longText.AsSpan()));
        Assert.NotSame(SipStrings.Of(longText.AsSpan()), SipStrings.Of(longText.AsSpan()));
        Assert.Same(string.Empty, SipStrings.Of([]));
    }

    [Fact]
    public void ParsedMessages_ShareParameterNamesAndHosts()
    {
        static SipRequest Parse(string branch) => Assert.IsType<SipRequest>(SipParser.Parse(Encoding.UTF8.GetBytes(
            $"OPTIONS sip:12333@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch={branch};rport\r\n" +
            "From: <sip:13800000000@127.0.0.1>;tag=a\r\nTo: <sip:12333@127.0.0.1>\r\nCall-ID: s\r\nCSeq: 1 OPTIONS\r\n\r\n")).Message);

        var one = Parse("z9hG4bKone").TopVia!;
        var two = Parse("z9hG4bKtwo").TopVia!;

        Assert.Same(one.Host, two.Host);
        Assert.Same(one.Transport, two.Transport);
        Assert.Equal(["z9hG4bKone", "z9hG4bKtwo"], new[] { one.Branch, two.Branch });
    }
}
