using System.Text;
using Ivr.Media.Tests.Support;
using Ivr.Sip.Message;

namespace Ivr.Sip.Tests.Message;

/// <summary>
/// What parsing a call's INVITE and its 200 allocates (issue 13, session 17): the header section is decoded into a pooled
/// buffer, the Request-Line read without a split, the method, version and reason taken from the string table, the header
/// list made with room for 12 lines (not arrays of 4, 8, then 16). Before,
/// the whole section became a string of its own (twice its length in bytes) and the Request-Line an array and three
/// strings: 3,440 B for this INVITE and 1,960 B for this 200 before; 2,568 and 1,392 with the buffer and the
/// Request-Line; 2,264 and 1,368 with the header list.
/// </summary>
public sealed class SipParserAllocationTests
{
    private static readonly byte[] Invite = Encoding.UTF8.GetBytes(
        "INVITE sip:12333@127.0.0.1:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-17-1-0;rport\r\n" +
        "From: sipp <sip:13800000000@127.0.0.1:5070>;tag=17SIPpTag001\r\n" +
        "To: <sip:12333@127.0.0.1:5060>\r\n" +
        "Call-ID: 1-17@127.0.0.1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:sipp@127.0.0.1:5070>\r\n" +
        "Max-Forwards: 70\r\n" +
        "Subject: Ivr load\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 133\r\n\r\n" +
        "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "m=audio 6000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n");

    private static readonly byte[] Ok = Encoding.UTF8.GetBytes(
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-ivr-1\r\n" +
        "From: <sip:12333@127.0.0.1:5060>;tag=ivr1\r\n" +
        "To: <sip:13800000000@127.0.0.1:5070>;tag=17SIPpTag001\r\n" +
        "Call-ID: ivr-out-1\r\n" +
        "CSeq: 2 BYE\r\n" +
        "Content-Length: 0\r\n\r\n");

    [Theory]
    [InlineData("INVITE", 2_400)]
    [InlineData("200", 1_500)]
    public void Parse_AllocatesTheMessageAndItsValuesOnly(string which, int most)
    {
        var data = which == "INVITE" ? Invite : Ok;
        var least = Allocations.Of(() =>
        {
            var result = SipParser.Parse(data);
            Assert.True(result.IsSuccess, result.Error);
        });

        Assert.True(least <= most, $"{least} B to parse the {which}");
    }

    [Fact]
    public void Parse_RequestLineAndStatusLine_TheTablesStrings()
    {
        var invite = Assert.IsType<SipRequest>(SipParser.Parse(Invite).Message);
        var ok = Assert.IsType<SipResponse>(SipParser.Parse(Ok).Message);
        var again = Assert.IsType<SipRequest>(SipParser.Parse(Invite).Message);
        var okAgain = Assert.IsType<SipResponse>(SipParser.Parse(Ok).Message);

        Assert.Equal(("INVITE", "SIP/2.0", "sip:12333@127.0.0.1:5060"), (invite.Method, invite.Version, invite.RequestUri.ToString()));
        Assert.Equal((200, "OK", "SIP/2.0"), (ok.StatusCode, ok.ReasonPhrase, ok.Version));
        Assert.Same(invite.Method, again.Method);
        Assert.Same(invite.Version, again.Version);
        Assert.Same(ok.ReasonPhrase, okAgain.ReasonPhrase);
    }

    [Theory]
    [InlineData("INVITE  sip:a@b SIP/2.0")]
    [InlineData("INVITE sip:a@b  SIP/2.0")]
    [InlineData("INVITE sip:a@b SIP/2.0 ")]
    [InlineData(" INVITE sip:a@b SIP/2.0")]
    [InlineData("INVITE sip:a@b")]
    [InlineData("INVITE sip:a@b SIP/2.0 extra")]
    public void Parse_RequestLineNotThreePartsBetweenSingleSpaces_Refused(string line)
    {
        var result = SipParser.Parse(Encoding.UTF8.GetBytes(line + "\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKx\r\nContent-Length: 0\r\n\r\n"));

        Assert.False(result.IsSuccess);
        Assert.Contains("malformed Request-Line", result.Error);
    }

    [Fact]
    public void Parse_VersionInSmallLetters_Capitalised()
    {
        var result = SipParser.Parse(Encoding.UTF8.GetBytes("OPTIONS sip:a@b sip/2.0\r\nContent-Length: 0\r\n\r\n"));

        Assert.Equal("SIP/2.0", Assert.IsType<SipRequest>(result.Message).Version);
    }
}
