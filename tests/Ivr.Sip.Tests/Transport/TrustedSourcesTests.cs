using System.Net;
using Ivr.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Sip.Tests.Transport;

public sealed class TrustedSourcesTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("10.255.0.1", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.10.20", true)]
    [InlineData("192.169.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("::1", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("::ffff:8.8.8.8", false)]
    [InlineData("2001:db8::1", false)]
    public void IsTrusted_Default_LoopbackAndRfc1918Only(string address, bool expected)
    {
        Assert.Equal(expected, TrustedSources.Default.IsTrusted(IPAddress.Parse(address)));
    }

    [Fact]
    public void Parse_CidrAndBareAddress_MatchesExactly()
    {
        var sources = TrustedSources.Parse(["203.0.113.0/28", "198.51.100.7"]).Value!;

        Assert.True(sources.IsTrusted(IPAddress.Parse("203.0.113.15")));
        Assert.False(sources.IsTrusted(IPAddress.Parse("203.0.113.16")));
        Assert.True(sources.IsTrusted(IPAddress.Parse("198.51.100.7")));
        Assert.False(sources.IsTrusted(IPAddress.Parse("198.51.100.8")));
    }

    [Fact]
    public void Parse_Garbage_FailsWithTheEntry()
    {
        var result = TrustedSources.Parse(["10.0.0.0/8", "10.0.0.0/99"]);

        Assert.False(result.IsSuccess);
        Assert.Contains("10.0.0.0/99", result.Error);
    }

    [Fact]
    public void ShouldLog_SameSourceWithinAMinute_OnlyOnce()
    {
        var time = new FakeTimeProvider();
        var limiter = new MalformedInputLimiter(time);
        var a = IPAddress.Parse("10.0.0.1");

        Assert.True(limiter.ShouldLog(a));
        Assert.False(limiter.ShouldLog(a));
        Assert.True(limiter.ShouldLog(IPAddress.Parse("10.0.0.2")));
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(limiter.ShouldLog(a));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.ShouldLog(a));
    }
}
