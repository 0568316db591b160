using Ivr.Sip.Sdp;

namespace Ivr.Sip.Tests.Sdp;

public sealed class SdpParserTests
{
    internal const string Offer =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n" +
        "s=call\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "b=AS:64\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 8 0 101\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "m=video 51372 RTP/AVP 31\r\n" +
        "a=rtpmap:31 H261/90000\r\n";

    [Fact]
    public void Parse_Offer_ReadsSessionAndMedia()
    {
        var sdp = SessionDescription.Parse(Offer).Value!;

        Assert.Equal("alice", sdp.Origin.UserName);
        Assert.Equal("192.0.2.10", sdp.Connection!.Host);
        Assert.Equal(2, sdp.Media.Count);
        Assert.Equal(["8", "0", "101"], sdp.Media[0].Formats);
        Assert.Equal("telephone-event", sdp.Media[0].GetRtpMap(101)!.EncodingName);
        Assert.Equal(["b=AS:64"], sdp.OtherLines);
    }

    [Fact]
    public void ToString_ParsedOffer_RoundTripsByteForByte()
    {
        Assert.Equal(Offer, SessionDescription.Parse(Offer).Value!.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("v=1\r\no=a 1 1 IN IP4 1.2.3.4\r\n")]
    [InlineData("v=0\r\ns=-\r\n")]
    [InlineData("v=0\r\no=a 1 1 IN IP4\r\n")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\nm=audio x RTP/AVP 0\r\n")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP\r\n")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\nnot a line\r\n")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 \r  \r\n")] // a bare CR as the sixth o= field (afl++ found it): gone once written
    [InlineData("v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\na=x\ry\r\n")]
    [InlineData("v=0\r\no=a 1 1 IN IP4 1.2.3.4\r\ns=a\0b\r\n")]
    public void Parse_Malformed_Fails(string text)
    {
        Assert.False(SessionDescription.Parse(text).IsSuccess);
    }

    [Fact]
    public void Parse_LineEndsWithSeveralCrs_TrimmedLikeOne()
    {
        var sdp = SessionDescription.Parse("v=0\r\r\no=a 1 1 IN IP4 1.2.3.4\r\r\n").Value!;

        Assert.Equal("1.2.3.4", sdp.Origin.Address);
    }

    [Fact]
    public void SessionName_EveryOfferNamedAlike_OneStringKeptForAll()
    {
        var first = SdpParser.Parse("v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n").Value!;
        var second = SdpParser.Parse("v=0\r\no=b 2 2 IN IP4 192.0.2.2\r\ns=-\r\nt=0 0\r\n").Value!;

        Assert.Equal("-", first.SessionName);
        Assert.Same(first.SessionName, second.SessionName);
    }

    [Fact]
    public void Fields_RunsOfSpacesAreOneSeparator_AsBefore()
    {
        var sdp = SdpParser.Parse("v=0\r\no=alice  1 2 IN   IP4 192.0.2.10\r\nc=IN IP4  192.0.2.10\r\nm=audio 4000  RTP/AVP 0   101\r\n").Value!;

        Assert.Equal(("alice", "1", "2", "IN", "IP4", "192.0.2.10"),
            (sdp.Origin.UserName, sdp.Origin.SessionId, sdp.Origin.SessionVersion, sdp.Origin.NetType, sdp.Origin.AddressType, sdp.Origin.Address));
        Assert.Equal("192.0.2.10", sdp.Connection!.Address);
        Assert.Equal(("audio", 4000, "RTP/AVP"), (sdp.Media[0].Media, sdp.Media[0].Port, sdp.Media[0].Protocol));
        Assert.Equal(["0", "101"], sdp.Media[0].Formats);
    }
}
