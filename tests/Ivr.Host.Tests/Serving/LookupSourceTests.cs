using System.Net;
using Ivr.Host.Serving;
using Ivr.Sip.Transport;

namespace Ivr.Host.Tests.Serving;

public sealed class LookupSourceTests
{
    private static readonly TrustedSources Proxies = TrustedSources.Parse(["10.0.0.5", "192.0.2.0/24"]).Value!;

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("10.0.0.6", "10.0.0.6")]
    [InlineData("10.0.0.5", null)]
    [InlineData("192.0.2.77", null)]
    public void Of_TheSource_UnlessAListedProxy(string address, string? expected)
        => Assert.Equal(expected, LookupSource.Of(IPAddress.Parse(address), Proxies));

    [Fact]
    public void Of_NoSource_None() => Assert.Null(LookupSource.Of(null, Proxies));

    [Fact]
    public void Of_TheAgentsPbx_None()
    {
        var pbx = new HashSet<string>(["10.1.2.3", "pbx.example"], StringComparer.OrdinalIgnoreCase);

        Assert.Null(LookupSource.Of(IPAddress.Parse("10.1.2.3"), Proxies, pbx));
        Assert.Equal("10.1.2.4", LookupSource.Of(IPAddress.Parse("10.1.2.4"), Proxies, pbx));
    }
}
