using System.Net;
using Ivr.Host.Cli;
using Ivr.Host.Serving;
using Ivr.Sip.Throttling;
using Ivr.Sip.Transport;

namespace Ivr.Host.Tests.Serving;

public sealed class SipLimitOptionsTests
{
    private static SipLimitOptions Parse(params string[] args) =>
        ServeOptions.Parse(CommandLine.Parse(args, ServeOptions.Valued, ServeOptions.Switches)).Limits;

    [Fact]
    public void Parse_Defaults_NoProxy_50PerSecond_60CallsAMinute_AFifthOfMaxCalls()
    {
        var limits = Parse();

        Assert.Empty(limits.Proxies.Networks);
        Assert.Equal(RateBudget.PerSecondWithBurst(50, 4), limits.Inbound.PerSource);
        Assert.Equal(RateBudget.PerSecondWithBurst(5000, 2), limits.Inbound.PerProxy);
        Assert.Equal(CallLimits.Default, limits.Calls);
        Assert.Equal(100, limits.Calls.SourceConcurrent(500));
        Assert.Equal(TcpConnectionLimits.Default, limits.Tcp);
    }

    [Fact]
    public void Parse_EveryOption()
    {
        var limits = Parse("--sip-proxies", "10.0.0.5,192.168.7.0/24", "--sip-rate", "20", "--sip-proxy-rate", "0",
            "--calls-per-minute", "30", "--source-share", "5", "--caller-calls-per-minute", "4", "--caller-calls", "1",
            "--tcp-per-address", "8", "--tcp-idle", "300");

        Assert.True(limits.Proxies.IsTrusted(IPAddress.Parse("192.168.7.9")));
        Assert.False(limits.Proxies.IsTrusted(IPAddress.Parse("10.0.0.6")));
        Assert.Equal(new RateBudget(20, 80), limits.Inbound.PerSource);
        Assert.True(limits.Inbound.PerProxy.IsUnlimited);
        Assert.Equal((30, 0.05, 4, 1), (limits.Calls.PerSourcePerMinute, limits.Calls.SourceShare, limits.Calls.PerCallerPerMinute, limits.Calls.PerCallerConcurrent));
        Assert.Equal((8, TimeSpan.FromMinutes(5)), (limits.Tcp.MaxConnectionsPerAddress, limits.Tcp.IdleTimeout));
    }

    [Theory]
    [InlineData("--sip-proxies", "kamailio.local", "--sip-proxies: not a CIDR prefix or IP address: 'kamailio.local'")]
    [InlineData("--source-share", "0", "--source-share must be a whole number from 1 to 100")]
    [InlineData("--sip-rate", "-1", "--sip-rate must be a whole number from 0")]
    public void Parse_WrongValue_NamesTheOption(string option, string value, string message)
    {
        var error = Assert.Throws<UsageException>(() => Parse(option, value));

        Assert.StartsWith(message, error.Message);
    }
}
