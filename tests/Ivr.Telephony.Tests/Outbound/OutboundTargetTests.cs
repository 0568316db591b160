using System.Net;
using Ivr.Sip.Auth;
using Ivr.Sip.Transport;
using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Tests.Outbound;

public sealed class OutboundTargetTests
{
    private static readonly TrunkOptions Trunk = new()
    {
        Address = new IPEndPoint(IPAddress.Parse("10.0.0.9"), 5080),
        Domain = "trunk.example",
        Credentials = new DigestCredentials("ivr", "pw"),
        NumberRules = [new NumberRule("010", Strip: 3), new NumberRule("1", Prepend: "0")],
    };

    [Fact]
    public void Resolve_Number_GoesThroughTrunkWithRulesAndCredentials()
    {
        var target = OutboundTarget.Resolve("01088886666", Trunk, "127.0.0.1");

        Assert.Equal("sip:88886666@trunk.example", target.RequestUri.ToString());
        Assert.Equal(new SipEndPoint(SipTransportKind.Udp, Trunk.Address), target.Destination);
        Assert.Same(Trunk.Credentials, target.Credentials);
        Assert.Equal("trunk.example", target.FromHost);
        Assert.DoesNotContain("88886666", target.Display);
    }

    [Fact]
    public void Resolve_Mobile_FirstMatchingRulePrepends()
    {
        Assert.Equal("sip:013012345273@trunk.example", OutboundTarget.Resolve("13012345273", Trunk, "h").RequestUri.ToString());
    }

    [Fact]
    public void Resolve_NumberWithoutDomain_UsesTrunkAddressAndPort()
    {
        var trunk = Trunk with { Domain = null, NumberRules = [], Transport = SipTransportKind.Tcp };

        var target = OutboundTarget.Resolve("+8610123", trunk, "h");

        Assert.Equal("sip:+8610123@10.0.0.9:5080;transport=tcp", target.RequestUri.ToString());
        Assert.Equal(SipTransportKind.Tcp, target.Destination.Transport);
    }

    [Fact]
    public void Resolve_SipUriWithIp_DirectWithoutCredentials()
    {
        var target = OutboundTarget.Resolve("sip:agents-general@127.0.0.1:5070", Trunk, "192.0.2.1");

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5070), target.Destination.EndPoint);
        Assert.Null(target.Credentials);
        Assert.Equal("192.0.2.1", target.FromHost);
    }

    [Fact]
    public void Resolve_SipUriOnTrunkDomain_GoesThroughTrunk()
    {
        var target = OutboundTarget.Resolve("sip:agents@trunk.example", Trunk, "h");

        Assert.Equal(Trunk.Address, target.Destination.EndPoint);
        Assert.Same(Trunk.Credentials, target.Credentials);
    }

    [Fact]
    public void Resolve_NumberWithoutTrunk_ClearErrorWithMaskedNumber()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OutboundTarget.Resolve("13012345273", null, "h"));

        Assert.Contains("no SIP trunk is configured", error.Message);
        Assert.DoesNotContain("13012345273", error.Message);
    }

    [Theory]
    [InlineData("130-1234-5273")]
    [InlineData("12+3")]
    [InlineData("+")]
    [InlineData("")]
    [InlineData("sip:agent@")]
    [InlineData("sip:agent@agents.example.org")]
    public void Resolve_Malformed_ArgumentException(string dial)
    {
        var error = Assert.Throws<ArgumentException>(() => OutboundTarget.Resolve(dial, null, "h"));

        Assert.DoesNotContain("12345273", error.Message);
    }
}
