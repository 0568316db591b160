using System.Net;
using Ivr.Sip.Sdp;

namespace Ivr.Sip.Tests.Sdp;

/// <summary>SDES (RFC 4568) in offer/answer under each <see cref="SrtpPolicy"/>.</summary>
public sealed class SdpSrtpTests
{
    private static readonly byte[] TheirKey = Enumerable.Range(1, 30).Select(i => (byte)i).ToArray();
    private static readonly byte[] OurKey = Enumerable.Range(101, 30).Select(i => (byte)i).ToArray();
    private static readonly string TheirInline = Convert.ToBase64String(TheirKey);

    private static SdpLocalMedia Local(SrtpPolicy policy) =>
        new(IPAddress.Parse("127.0.0.1"), 40000) { Srtp = policy, SrtpKey = policy == SrtpPolicy.Off ? null : OurKey };

    private static SessionDescription Offer(string protocol, params string[] attributes) =>
        SessionDescription.Parse(
            $"v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5000 {protocol} 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"
            + string.Concat(attributes.Select(a => a + "\r\n"))).Value!;

    [Theory]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:{0}", 1, "AES_CM_128_HMAC_SHA1_80")]
    [InlineData("7 aes_cm_128_hmac_sha1_32 inline:{0}|2^20", 7, "AES_CM_128_HMAC_SHA1_32")]
    public void Parse_ReadsTagSuiteAndKey(string format, int tag, string suite)
    {
        var crypto = SdpCrypto.Parse(string.Format(format, TheirInline))!;

        Assert.Equal(tag, crypto.Tag);
        Assert.Equal(suite, crypto.Suite);
        Assert.Equal(TheirKey, crypto.KeyAndSalt);
        Assert.DoesNotContain(TheirInline, crypto.ToString());
    }

    [Theory]
    [InlineData("1 AES_256_CM_HMAC_SHA1_80 inline:{0}")] // a suite we do not speak
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:{0}|2^20|1:4")] // an MKI
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:{0} UNENCRYPTED_SRTP")] // a session parameter
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:AAEC")] // a short key
    [InlineData("x AES_CM_128_HMAC_SHA1_80 inline:{0}")]
    [InlineData("1 AES_CM_128_HMAC_SHA1_80 inline:{0};inline:{0}")]
    public void Parse_RefusesWhatIvrCannotHonour(string format) =>
        Assert.Null(SdpCrypto.Parse(string.Format(format, TheirInline)));

    [Fact]
    public void Answer_SavpOffer_UnderOptional_AnswersSavpWithOurKeyAndTheirTag()
    {
        var offer = Offer("RTP/SAVP", $"a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:{TheirInline}|2^31");

        var result = SdpOfferAnswer.Answer(offer, Local(SrtpPolicy.Optional));

        Assert.True(result.IsAccepted);
        Assert.Equal(TheirKey, result.Srtp!.RemoteKey);
        Assert.Equal(OurKey, result.Srtp.LocalKey);
        var audio = SessionDescription.Parse(result.Answer!.ToString()).Value!.Media[0];
        Assert.Equal("RTP/SAVP", audio.Protocol);
        Assert.Equal($"3 AES_CM_128_HMAC_SHA1_80 inline:{Convert.ToBase64String(OurKey)}", audio.GetAttribute("crypto"));
    }

    [Fact]
    public void Answer_SkipsCryptoLinesItCannotUseAndTakesTheNext()
    {
        var offer = Offer("RTP/SAVP", $"a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:{TheirInline}", $"a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:{TheirInline}");

        var result = SdpOfferAnswer.Answer(offer, Local(SrtpPolicy.Mandatory));

        Assert.Equal("AES_CM_128_HMAC_SHA1_32", result.Srtp!.Suite);
        Assert.Equal(2, result.Srtp.Tag);
    }

    [Fact]
    public void Answer_PlainOffer_UnderMandatory_IsNotAcceptable()
    {
        var result = SdpOfferAnswer.Answer(Offer("RTP/AVP"), Local(SrtpPolicy.Mandatory));

        Assert.False(result.IsAccepted);
        Assert.Contains("mandatory", result.Error);
    }

    [Fact]
    public void Answer_PlainOffer_UnderOptional_IsPlainRtp()
    {
        var result = SdpOfferAnswer.Answer(Offer("RTP/AVP"), Local(SrtpPolicy.Optional));

        Assert.True(result.IsAccepted);
        Assert.Null(result.Srtp);
        Assert.Null(result.Answer!.Media[0].GetAttribute("crypto"));
    }

    [Fact]
    public void Answer_BestEffortCryptoOnAvp_UnderOptional_IsSrtpOnAvp()
    {
        var result = SdpOfferAnswer.Answer(Offer("RTP/AVP", $"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{TheirInline}"), Local(SrtpPolicy.Optional));

        Assert.NotNull(result.Srtp);
        Assert.Equal("RTP/AVP", result.Answer!.Media[0].Protocol);
        Assert.NotNull(result.Answer.Media[0].GetAttribute("crypto"));
    }

    [Fact]
    public void Answer_SavpOffer_UnderOff_IsNotAcceptable_AndCryptoOnAvpIsIgnored()
    {
        Assert.False(SdpOfferAnswer.Answer(Offer("RTP/SAVP", $"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{TheirInline}"), Local(SrtpPolicy.Off)).IsAccepted);
        var plain = SdpOfferAnswer.Answer(Offer("RTP/AVP", $"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{TheirInline}"), Local(SrtpPolicy.Off));
        Assert.True(plain.IsAccepted);
        Assert.Null(plain.Srtp);
    }

    [Fact]
    public void CreateOffer_UnderMandatory_IsSavpWithBothSuites_AndReadAnswerTakesTheChosenLine()
    {
        var local = Local(SrtpPolicy.Mandatory);
        var offer = SessionDescription.Parse(SdpOfferAnswer.CreateOffer(local).ToString()).Value!;
        Assert.Equal("RTP/SAVP", offer.Media[0].Protocol);
        Assert.Equal(2, offer.Media[0].Attributes.Count(a => a.Name == "crypto"));

        var answer = Offer("RTP/SAVP", $"a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:{TheirInline}");
        var result = SdpOfferAnswer.ReadAnswer(answer, local);

        Assert.Equal("AES_CM_128_HMAC_SHA1_32", result.Srtp!.Suite);
        Assert.Equal(TheirKey, result.Srtp.RemoteKey);
        Assert.False(SdpOfferAnswer.ReadAnswer(Offer("RTP/AVP"), local).IsAccepted);
    }
}
