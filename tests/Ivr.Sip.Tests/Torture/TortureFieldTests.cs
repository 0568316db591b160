using System.Text;
using Ivr.Sip.Message;

namespace Ivr.Sip.Tests.Torture;

/// <summary>The specific readings RFC 4475 expects from some valid messages.</summary>
public sealed class TortureFieldTests
{
    [Fact]
    public void Wsinv_FoldedWhitespaceHeaders_ReadCorrectly()
    {
        var m = Parse("wsinv");

        Assert.Equal("1918181833n", m.To!.Tag);
        Assert.Equal("98asjd8", m.From!.Tag);
        Assert.Equal("J Rosenberg \\\"", m.From.DisplayName);
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal(new CSeqHeader(9, "INVITE"), m.CSeq);
        var vias = m.Headers.GetValues("Via").Select(v => ViaHeader.Parse(v).Value!).ToList();
        Assert.Equal(["192.0.2.2", "spindle.example.com", "192.168.255.111"], vias.Select(v => v.Host));
        Assert.Equal("z9hG4bK30239", vias[2].Branch);
        Assert.Equal("0.33", m.Contacts[0].GetParameter("q"));
        Assert.Equal(150, m.Body.Length);
    }

    [Fact]
    public void Esc01_EscapedUserAndParameters_Decoded()
    {
        var m = (SipRequest)Parse("esc01");

        Assert.Equal("sips:user@example.com", m.RequestUri.User);
        Assert.Equal("user", m.To!.Uri.User);
        Assert.Equal("I have spaces", m.From!.Uri.User);
        Assert.True(m.Contacts[0].Uri.HasParameter("lr"));
        Assert.Equal("value%41", m.Contacts[0].Uri.GetParameter("name"));
    }

    [Fact]
    public void Escnull_EscapedNul_KeptInUser()
    {
        Assert.Equal("null-\0-null", Parse("escnull").To!.Uri.User);
    }

    [Fact]
    public void Intmeth_UnusualMethodAndUri_Parsed()
    {
        var m = (SipRequest)Parse("intmeth");

        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.Method);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", m.RequestUri.Password);
        Assert.Equal("_token~1'+`*%!-.", m.From!.Tag);
    }

    [Fact]
    public void Dblreq_OnlyFirstRequestOfDatagram()
    {
        var m = (SipRequest)Parse("dblreq");

        Assert.Equal("REGISTER", m.Method);
        Assert.Empty(m.Body);
    }

    [Fact]
    public void Unreason_Utf8ReasonPhrase_Kept()
    {
        var m = (SipResponse)Parse("unreason");

        Assert.Equal(200, m.StatusCode);
        Assert.StartsWith("= 2**3 * 5**2 но сто", m.ReasonPhrase);
    }

    [Fact]
    public void Noreason_EmptyReasonPhrase_Accepted()
    {
        Assert.Equal(string.Empty, ((SipResponse)Parse("noreason")).ReasonPhrase);
    }

    [Fact]
    public void Transports_FiveViasWithTheirTransports()
    {
        var vias = Parse("transports").Headers.GetValues("Via").Select(v => ViaHeader.Parse(v).Value!.Transport);

        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], vias);
    }

    [Fact]
    public void Inv2543_NoBranchNoContentLength_BodyToEndOfDatagram()
    {
        var m = Parse("inv2543");

        Assert.False(m.TopVia!.HasMagicCookie);
        Assert.Null(m.MaxForwards);
        Assert.EndsWith("m=audio 49217 RTP/AVP 0\r\n", Encoding.UTF8.GetString(m.Body));
    }

    private static SipMessage Parse(string file) => SipParser.Parse(TortureCase.Get(file).Bytes).Message!;
}
