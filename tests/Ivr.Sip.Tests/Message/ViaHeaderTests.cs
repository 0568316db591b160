using Ivr.Sip.Message;

namespace Ivr.Sip.Tests.Message;

public sealed class ViaHeaderTests
{
    [Fact]
    public void Parse_WithLwsAroundSlashesAndEquals_ReadsAllParts()
    {
        var via = ViaHeader.Parse("SIP  / 2.0  / TCP     spindle.example.com:5070   ;  branch  =   z9hG4bK9ikj8 ;rport").Value!;

        Assert.Equal("TCP", via.Transport);
        Assert.Equal("spindle.example.com", via.Host);
        Assert.Equal(5070, via.Port);
        Assert.Equal("z9hG4bK9ikj8", via.Branch);
        Assert.True(via.HasMagicCookie);
        Assert.True(via.HasRPort);
        Assert.Null(via.RPort);
    }

    [Fact]
    public void WithParameter_ReceivedAndRport_Serialized()
    {
        var via = ViaHeader.Parse("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa;rport").Value!
            .WithParameter("received", "192.0.2.9")
            .WithParameter("rport", "40000");

        Assert.Equal("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa;rport=40000;received=192.0.2.9", via.ToString());
        Assert.Equal(40000, via.RPort);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP 192.0.2.15;;")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("HTTP/1.1/TCP host")]
    [InlineData("SIP/2.0/UDP host:notaport")]
    public void Parse_Malformed_Fails(string text)
    {
        Assert.False(ViaHeader.Parse(text).IsSuccess);
    }

    [Fact]
    public void GetValues_ViaListHeader_SplitsAtTopLevelCommas()
    {
        var headers = new SipHeaderCollection();
        headers.Add("v", "SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/TCP b;branch=z9hG4bK2");
        headers.Add("VIA", "SIP/2.0/UDP c");

        Assert.Equal(["SIP/2.0/UDP a;branch=z9hG4bK1", "SIP/2.0/TCP b;branch=z9hG4bK2", "SIP/2.0/UDP c"], headers.GetValues("Via"));
    }
}
