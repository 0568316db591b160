using Ivr.Sip.Message;

namespace Ivr.Sip.Tests.Message;

public sealed class NameAddressTests
{
    [Fact]
    public void Parse_QuotedDisplayNameWithEscapes_Unquotes()
    {
        var address = NameAddress.Parse("\"J Rosenberg \\\\\\\"\"  <sip:jdrosen@example.com> ; tag = 98asjd8").Value!;

        Assert.Equal("J Rosenberg \\\"", address.DisplayName);
        Assert.Equal("jdrosen", address.Uri.User);
        Assert.Equal("98asjd8", address.Tag);
    }

    [Fact]
    public void Parse_AddrSpec_ParametersBelongToHeaderNotUri()
    {
        var address = NameAddress.Parse("sip:caller@example.net;tag=134161461246").Value!;

        Assert.Equal("134161461246", address.Tag);
        Assert.Empty(address.Uri.Parameters);
    }

    [Fact]
    public void Parse_NameAddr_UriParametersStayInUri()
    {
        var address = NameAddress.Parse("caller<sip:caller@example.com;transport=udp>;tag=323").Value!;

        Assert.Equal("caller", address.DisplayName);
        Assert.Equal("udp", address.Uri.GetParameter("transport"));
        Assert.Equal("323", address.Tag);
    }

    [Theory]
    [InlineData("\"Mr. J. User <sip:j.user@example.com>")]
    [InlineData("Bell, Alexander <sip:a.g.bell@example.com>;tag=43")]
    [InlineData("\"Watson\" < sip:t.watson@example.org >")]
    [InlineData("sip:user@example.com?Route=%3Csip:sip.example.com%3E")]
    [InlineData("<sip:joe@example.org>;;;;")]
    public void Parse_InvalidRfc4475Forms_Fail(string text)
    {
        Assert.False(NameAddress.Parse(text).IsSuccess);
    }

    [Fact]
    public void WithTag_ThenToString_RoundTrips()
    {
        var address = NameAddress.Parse("\"A \\\"B\\\"\" <sip:a@b>").Value!.WithTag("x1");

        var again = NameAddress.Parse(address.ToString()).Value!;

        Assert.Equal("A \"B\"", again.DisplayName);
        Assert.Equal("x1", again.Tag);
    }
}
