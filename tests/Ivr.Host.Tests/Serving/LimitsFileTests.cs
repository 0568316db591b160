using Ivr.Host.Cli;
using Ivr.Host.Serving;
using Ivr.Sip.Throttling;

namespace Ivr.Host.Tests.Serving;

/// <summary>deploy/limits.yaml (or --limits FILE): the file sets the limits, the command line overrides it, errors name FILE:LINE:COLUMN.</summary>
public sealed class LimitsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ivr-limits-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_folder, "limits.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static SipLimitOptions Parse(params string[] args) =>
        ServeOptions.Parse(CommandLine.Parse(args, ServeOptions.Valued, ServeOptions.Switches)).Limits;

    [Fact]
    public void Parse_FileSetsTheLimits_TheCommandLineOverridesThem()
    {
        var path = Write("sip_rate: 20\ncalls_per_minute: 30\nsip_proxies: 10.0.0.5\ntcp_idle: 300\n");

        var limits = Parse("--limits", path, "--calls-per-minute", "7");

        Assert.Equal(RateBudget.PerSecondWithBurst(20, 4), limits.Inbound.PerSource);
        Assert.Equal(7, limits.Calls.PerSourcePerMinute);
        Assert.True(limits.Proxies.IsTrusted(System.Net.IPAddress.Parse("10.0.0.5")));
        Assert.Equal(TimeSpan.FromMinutes(5), limits.Tcp.IdleTimeout);
        Assert.Equal(path, limits.FilePath);
    }

    [Theory]
    [InlineData("sip_rate: 20\nsource_share: 0\n", ":2:15: source_share must be a whole number from 1 to 100, not '0'")]
    [InlineData("sip_rate: lots\n", ":1:11: sip_rate must be a whole number from 0 to 1000000, not 'lots'")]
    [InlineData("sip_rate: 20\nsip_rates: 30\n", ":2:1: unknown field 'sip_rates'; the fields are ")]
    [InlineData("\nsip_proxies: kamailio.local\n", ":2:14: not a CIDR prefix or IP address: 'kamailio.local'")]
    [InlineData("sip_rate: [1\n", ":")]
    public void Parse_BadValue_IsRefusedWithFileLineAndColumn(string yaml, string expected)
    {
        var path = Write(yaml);

        var error = Assert.Throws<UsageException>(() => Parse("--limits", path));

        Assert.StartsWith(path + expected, error.Message);
    }

    [Fact]
    public void Parse_ABadValueOverriddenOnTheCommandLine_IsNotRead()
    {
        var path = Write("sip_rate: lots\n");

        Assert.Equal(RateBudget.PerSecondWithBurst(5, 4), Parse("--limits", path, "--sip-rate", "5").Inbound.PerSource);
    }

    [Fact]
    public void ShippedFile_HoldsTheDefaults()
    {
        var shipped = Path.Combine(FindRoot(), "deploy", "limits.yaml");

        var limits = Parse("--limits", shipped);

        Assert.Equal(Parse() with { FilePath = null }, limits with { FilePath = null });
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ivr.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("no Ivr.sln above the test binaries");
    }
}
