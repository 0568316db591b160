using Ivr.Sip.Message;

namespace Ivr.Sip.Tests.Message;

public sealed class SipUriTests
{
    [Fact]
    public void Parse_FullSipUri_ReadsEveryPart()
    {
        var uri = SipUri.Parse("sips:alice:secret@Example.COM:5061;transport=tcp;lr?subject=hi&priority=urgent").Value!;

        Assert.Equal("sips", uri.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("Example.COM", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tcp", uri.GetParameter("transport"));
        Assert.True(uri.HasParameter("lr"));
        Assert.Null(uri.GetParameter("lr"));
        Assert.Equal(2, uri.Headers.Count);
        Assert.Equal("urgent", uri.Headers[1].Value);
    }

    [Fact]
    public void Parse_Ipv6Reference_KeepsBracketsAndPort()
    {
        var uri = SipUri.Parse("sip:[2001:db8::10]:5070").Value!;

        Assert.Equal("[2001:db8::10]", uri.Host);
        Assert.Equal(5070, uri.Port);
        Assert.Equal(System.Net.IPAddress.Parse("2001:db8::10"), uri.HostAddress);
    }

    [Fact]
    public void Parse_EscapedUser_DecodesAndReEscapesOnWrite()
    {
        var uri = SipUri.Parse("sip:sips%3Auser%40example.com@example.net").Value!;

        Assert.Equal("sips:user@example.com", uri.User);
        Assert.Equal("sip:sips%3Auser%40example.com@example.net", uri.ToString());
    }

    [Fact]
    public void Parse_UserWithSemicolon_BelongsToUserPart()
    {
        var uri = SipUri.Parse("sip:user;par=u%40example.net@example.com").Value!;

        Assert.Equal("user;par=u@example.net", uri.User);
        Assert.Equal("example.com", uri.Host);
        Assert.Empty(uri.Parameters);
    }

    [Fact]
    public void Parse_UnknownScheme_KeptOpaque()
    {
        var uri = SipUri.Parse("isbn:2983792873").Value!;

        Assert.False(uri.IsSip);
        Assert.Equal("2983792873", uri.Opaque);
        Assert.Equal("isbn:2983792873", uri.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("<sip:a@b>", "scheme")]
    [InlineData("sip:a@b c", "whitespace")]
    [InlineData("sip:a@host:99999", "port")]
    [InlineData("sip:a%zz@host", "user")]
    [InlineData("sip:a@ho_st", "host")]
    [InlineData("sip:a@[::1", "IPv6")]
    [InlineData("s_p:a@b", "scheme")]
    [InlineData("1sip:a@b", "scheme")]
    [InlineData("sip:a@b\t", "whitespace")]
    [InlineData("sip:a@b\u007f", "control")]
    [InlineData("sip:a@b\u00e9", "control")]
    [InlineData("sip:a\"@b", "delimiter")]
    [InlineData("sip:a>@b", "delimiter")]
    [InlineData("sip:", "whitespace")]
    public void Parse_Malformed_FailsWithReason(string text, string reasonFragment)
    {
        var result = SipUri.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Contains(reasonFragment, result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("sip:ivr@127.0.0.1", "sip")]
    [InlineData("SIP:ivr@127.0.0.1", "sip")]
    [InlineData("sIpS:ivr@127.0.0.1", "sips")]
    public void Scheme_SipOrSips_IsTheOneSharedLowerCaseString(string text, string scheme)
    {
        var uri = SipUri.Parse(text).Value!;
        var another = SipUri.Parse(scheme + ":agent@127.0.0.2").Value!;

        Assert.Equal(scheme, uri.Scheme);
        Assert.Same(another.Scheme, uri.Scheme); // one string for every URI: not a string per URI kept by a call
    }

    [Theory]
    [InlineData("tel:+86-10-12333")]
    [InlineData("x-ivr.v2+a:opaque")]
    [InlineData("sip:a@b;p=!~*'()")]
    public void Parse_SchemeOfLettersDigitsPlusMinusDot_AndAnyVisibleAsciiButDelimiters_Accepted(string text) =>
        Assert.True(SipUri.Parse(text).IsSuccess, text);
}
