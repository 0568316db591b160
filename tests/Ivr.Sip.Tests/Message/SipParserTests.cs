using System.Text;
using Ivr.Sip.Message;

namespace Ivr.Sip.Tests.Message;

public sealed class SipParserTests
{
    private const string Options =
        "OPTIONS sip:ivr@127.0.0.1 SIP/2.0\r\n" +
        "v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKabc\r\n" +
        "f: <sip:a@127.0.0.1>;tag=1\r\n" +
        "t: <sip:ivr@127.0.0.1>\r\n" +
        "i: call-1\r\n" +
        "CSeq: 1\r\n OPTIONS\r\n" +
        "Max-Forwards: 70\r\n";

    [Fact]
    public void Parse_CompactAndFoldedHeaders_NormalizedAndUnfolded()
    {
        var result = SipParser.Parse(Bytes(Options + "l: 0\r\n\r\n"));

        var request = Assert.IsType<SipRequest>(result.Message);
        Assert.Equal("call-1", request.CallId);
        Assert.Equal(new CSeqHeader(1, "OPTIONS"), request.CSeq);
        Assert.Equal("1", request.From!.Tag);
        Assert.Equal("z9hG4bKabc", request.TopVia!.Branch);
        Assert.Contains(request.Headers, h => h.Name == "Content-Length");
    }

    [Fact]
    public void Parse_DatagramShorterThanContentLength_FailsWithMismatchAndPartial()
    {
        var result = SipParser.Parse(Bytes(Options + "Content-Length: 10\r\n\r\nabc"));

        Assert.False(result.IsSuccess);
        Assert.StartsWith("Content-Length mismatch", result.Error);
        Assert.IsType<SipRequest>(result.Partial);
    }

    [Fact]
    public void Parse_DatagramLongerThanContentLength_TruncatesBody()
    {
        var result = SipParser.Parse(Bytes(Options + "Content-Length: 3\r\n\r\nabcdef"));

        Assert.Equal("abc"u8.ToArray(), result.Message!.Body);
    }

    [Fact]
    public void Parse_DatagramWithoutContentLength_BodyIsRestOfDatagram()
    {
        Assert.Equal("xyz"u8.ToArray(), SipParser.Parse(Bytes(Options + "\r\nxyz")).Message!.Body);
    }

    [Fact]
    public void Parse_StreamWithoutContentLength_Fails()
    {
        var result = SipParser.Parse(Bytes(Options + "\r\n"), SipParseOptions.Stream);

        Assert.Equal("missing Content-Length on a stream transport", result.Error);
    }

    [Fact]
    public void Parse_Oversized_RejectedBeforeParsing()
    {
        var big = new byte[SipParseOptions.DefaultMaxMessageSize + 1];

        var result = SipParser.Parse(big);

        Assert.True(result.IsOversized);
        Assert.Contains("too large", result.Error);
    }

    [Fact]
    public void Parse_LeadingCrlfKeepAlive_Skipped()
    {
        Assert.True(SipParser.Parse(Bytes("\r\n\r\n" + Options + "l: 0\r\n\r\n")).IsSuccess);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("garbage")]
    [InlineData("SIP/2.0 99 Too Small\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nno colon here\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0.1\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/.0\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2000.0\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.x\r\n\r\n")]
    [InlineData("INVITE  sip:a@b SIP/2.0\r\n\r\n")]
    [InlineData("SIP/2.0 2x0 OK\r\n\r\n")]
    [InlineData("SIP/2.0 700 Too Big\r\n\r\n")]
    public void Parse_Garbage_FailsWithoutThrowing(string text)
    {
        var result = SipParser.Parse(Bytes(text));

        Assert.False(result.IsSuccess);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrow()
    {
        var random = new Random(4475);
        var seed = Bytes(Options + "l: 0\r\n\r\n");
        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])seed.Clone();
            for (var j = 0; j < 5; j++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var result = SipParser.Parse(bytes.AsSpan(0, random.Next(bytes.Length + 1)));
            if (result.Message is not null)
            {
                SipMessageValidator.Validate(result.Message);
            }
        }
    }

    [Fact]
    public void Serialize_Response_WritesStatusLineHeadersAndContentLength()
    {
        var response = new SipResponse(486);
        response.Headers.Add("i", "x");
        response.Body = "hi"u8.ToArray();

        Assert.Equal("SIP/2.0 486 Busy Here\r\nCall-ID: x\r\nContent-Length: 2\r\n\r\nhi", SipSerializer.ToText(response));
    }

    [Fact]
    public void Serialize_Request_NonAsciiValuesAndBody_ExactUtf8BytesWithTheBodyAfter()
    {
        var request = Assert.IsType<SipRequest>(SipParser.Parse(Bytes(
            "MESSAGE sip:12333@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKu8\r\n" +
            "From: \"张三\" <sip:13800000000@127.0.0.1>;tag=a\r\nTo: <sip:12333@127.0.0.1>\r\nCall-ID: u8\r\nCSeq: 1 MESSAGE\r\n" +
            "Content-Length: 7\r\n\r\n社保卡")).Message);

        var bytes = SipSerializer.Serialize(request);

        var expected = "MESSAGE sip:12333@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKu8\r\n" +
            "From: \"张三\" <sip:13800000000@127.0.0.1>;tag=a\r\nTo: <sip:12333@127.0.0.1>\r\nCall-ID: u8\r\nCSeq: 1 MESSAGE\r\n" +
            "Content-Length: 7\r\n\r\n社保";
        Assert.Equal(Bytes(expected), bytes[..^1]); // 社保卡 is 9 bytes: Content-Length 7 keeps 社 and 保 and one byte of 卡
        Assert.Equal(Bytes("卡")[0], bytes[^1]);
    }

    [Theory]
    [InlineData("Subject: one\r\n two\r\n\tthree\r\nCall-ID: f", "one two three")]
    [InlineData("Subject: one\r\r\n  two\r\nCall-ID: f", "one two")]
    [InlineData("Subject: one\n two\nCall-ID: f", "one two")]
    public void Parse_FoldedHeaderLines_JoinedWithOneSpace_TheNextHeaderKept(string lines, string subject)
    {
        var message = SipParser.Parse(Bytes($"OPTIONS sip:12333@127.0.0.1 SIP/2.0\r\n{lines}\r\n\r\n")).Message!;

        Assert.Equal(subject, message.Headers.Get(SipHeaderNames.Subject));
        Assert.Equal("f", message.CallId);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
