using System.Net;
using Ivr.Sip.Sdp;

namespace Ivr.Sip.Tests.Sdp;

public sealed class SdpOfferAnswerTests
{
    private static readonly SdpLocalMedia Local = new(IPAddress.Parse("127.0.0.1"), 40000);

    [Fact]
    public void Answer_PcmaFirstInOffer_ChoosesPcmaAndTelephoneEvent()
    {
        var result = SdpOfferAnswer.Answer(Parse(SdpParserTests.Offer), Local);

        Assert.True(result.IsAccepted);
        Assert.Equal(8, result.PayloadType);
        Assert.Equal("PCMA", result.EncodingName);
        Assert.Equal(101, result.TelephoneEventPayloadType);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 49170), result.RemoteRtp);
        Assert.False(result.IsHold);
    }

    [Fact]
    public void Answer_Offer_HasSameMLinesWithVideoRejected()
    {
        var answer = SdpOfferAnswer.Answer(Parse(SdpParserTests.Offer), Local).Answer!;
        var reparsed = Parse(answer.ToString());

        Assert.Equal(2, reparsed.Media.Count);
        Assert.Equal(40000, reparsed.Media[0].Port);
        Assert.Equal(["8", "101"], reparsed.Media[0].Formats);
        Assert.Equal("127.0.0.1", reparsed.Connection!.Host);
        Assert.Equal(SdpDirection.SendRecv, reparsed.Media[0].Direction);
        Assert.Equal(0, reparsed.Media[1].Port);
        Assert.Equal("video", reparsed.Media[1].Media);
    }

    [Fact]
    public void Answer_PcmuFirst_NoTelephoneEvent_ChoosesPcmuOnly()
    {
        var offer = Parse(Sdp("m=audio 5000 RTP/AVP 0 8"));

        var result = SdpOfferAnswer.Answer(offer, Local);

        Assert.Equal(0, result.PayloadType);
        Assert.Null(result.TelephoneEventPayloadType);
        Assert.Equal(["0"], result.Answer!.Media[0].Formats);
    }

    [Fact]
    public void Answer_DynamicTypeMappedToPcmu_KeepsOfferedNumber()
    {
        var offer = Parse(Sdp("m=audio 5000 RTP/AVP 96\r\na=rtpmap:96 pcmu/8000"));

        Assert.Equal(96, SdpOfferAnswer.Answer(offer, Local).PayloadType);
    }

    [Theory]
    [InlineData("m=audio 5000 RTP/AVP 18 9\r\na=rtpmap:18 G729/8000")]
    [InlineData("m=audio 5000 RTP/SAVP 0 8")]
    [InlineData("m=audio 0 RTP/AVP 0")]
    [InlineData("m=video 5000 RTP/AVP 0")]
    [InlineData("m=audio 5000 RTP/AVP 0\r\na=rtpmap:0 opus/48000/2")]
    public void Answer_NoG711Audio_NotAcceptable(string mediaLines)
    {
        var result = SdpOfferAnswer.Answer(Parse(Sdp(mediaLines)), Local);

        Assert.False(result.IsAccepted);
        Assert.Null(result.Answer);
        Assert.NotNull(result.Error);
    }

    [Theory]
    [InlineData("a=sendonly", "IN IP4 192.0.2.1", SdpDirection.RecvOnly)]
    [InlineData("a=inactive", "IN IP4 192.0.2.1", SdpDirection.Inactive)]
    [InlineData("a=sendrecv", "IN IP4 0.0.0.0", SdpDirection.SendRecv)]
    public void Answer_HoldOffer_DetectsHoldAndMirrorsDirection(string attribute, string connection, SdpDirection expected)
    {
        var offer = Parse($"v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc={connection}\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n{attribute}\r\n");

        var result = SdpOfferAnswer.Answer(offer, Local);

        Assert.True(result.IsHold);
        Assert.Equal(expected, result.Direction);
        Assert.True(SdpOfferAnswer.IsHold(offer));
    }

    [Fact]
    public void CreateOffer_ThenAnswerByPeer_ReadAnswerAgreesOnCodec()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local with { SessionId = 7 });
        var peer = new SdpLocalMedia(IPAddress.Parse("127.0.0.2"), 50000) { PayloadTypes = [SdpCodecs.Pcma] };

        var peerAnswer = SdpOfferAnswer.Answer(Parse(offer.ToString()), peer);
        var read = SdpOfferAnswer.ReadAnswer(peerAnswer.Answer!, Local);

        Assert.Equal(["0", "8", "101"], offer.Media[0].Formats);
        Assert.Equal("7", offer.Origin.SessionId);
        Assert.Equal(8, read.PayloadType);
        Assert.Equal(101, read.TelephoneEventPayloadType);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 50000), read.RemoteRtp);
    }

    private static SessionDescription Parse(string text) => SessionDescription.Parse(text).Value!;

    private static string Sdp(string media) =>
        $"v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n{media}\r\n";
}
