using System.Net;
using Ivr.Host.Cli;
using Ivr.Host.Commands;
using Ivr.Host.Serving;
using Ivr.Host.Tests.Cli;

namespace Ivr.Host.Tests.Serving;

[Collection("console")]
public sealed class ServeOptionsTests
{
    private static ServeOptions Parse(params string[] args) => ServeOptions.Parse(CommandLine.Parse(args, ServeOptions.Valued, ServeOptions.Switches));

    [Fact]
    public void Parse_NoOptions_TheDocumentedDefaults()
    {
        var options = Parse("--address", "192.0.2.10");

        Assert.Equal(5060, options.SipPort);
        Assert.Equal((20000, 29999), (options.RtpPortMin, options.RtpPortMax));
        Assert.Equal(Math.Min(1000 * Environment.ProcessorCount, 5000), options.MaxCalls); // 1,000 per core, at most one per RTP port pair
        Assert.Null(options.RtpRangeWarning());
        Assert.True(options.Console);
        Assert.True(options.SymmetricRtp);
        Assert.Equal(8080, options.HttpPort);
        Assert.Equal(IPAddress.Loopback, options.HttpBind);
        Assert.Null(options.ClockStart);
        Assert.Equal(TimeSpan.FromMinutes(15), options.DrainTimeout);
    }

    [Theory]
    [InlineData(20000, 29999, 2, 2000)]   // this machine class: what sip-load held
    [InlineData(20000, 29999, 16, 5000)]  // more cores than the range has port pairs: the range decides
    [InlineData(20000, 20999, 2, 500)]
    [InlineData(20000, 21999, 1, 1000)]
    [InlineData(20000, 20001, 64, 1)]
    public void DefaultMaxCalls_1000PerCore_AtMostOnePerPortPair(int min, int max, int cores, int expected)
    {
        Assert.Equal(expected, ServeOptions.DefaultMaxCalls(min, max, cores));
    }

    [Theory]
    [InlineData(2000, 2, 2)]    // this machine class: one pacing thread fell behind at 2,000 calls
    [InlineData(1000, 2, 1)]
    [InlineData(1001, 2, 2)]
    [InlineData(5000, 16, 5)]
    [InlineData(16000, 4, 4)]   // never more threads than cores: they would only take turns
    [InlineData(1, 1, 1)]
    public void DefaultPacingThreads_OnePer1000AllowedCalls_AtMostOnePerCore(int maxCalls, int cores, int expected)
    {
        Assert.Equal(expected, ServeOptions.DefaultPacingThreads(maxCalls, cores));
    }

    [Fact]
    public void Parse_PacingThreads_FollowsMaxCallsUnlessGiven()
    {
        Assert.Equal(ServeOptions.DefaultPacingThreads(1000, Environment.ProcessorCount),
            Parse("--address", "192.0.2.10", "--max-calls", "1000").PacingThreads);
        Assert.Equal(3, Parse("--address", "192.0.2.10", "--max-calls", "1000", "--pacing-threads", "3").PacingThreads);
    }

    [Fact]
    public void RtpRangeWarning_FewerThanTwoPortsPerAllowedCall_SaysWhatToWiden()
    {
        var narrow = Parse("--address", "192.0.2.10", "--rtp-ports", "30000-30999", "--max-calls", "800");
        Assert.Equal(
            "WARNING RTP ports 30000-30999 hold 1000 ports, fewer than 2 per call for --max-calls 800: calls beyond 500 at once get 503; widen --rtp-ports or lower --max-calls",
            narrow.RtpRangeWarning());
        Assert.Null(Parse("--address", "192.0.2.10", "--rtp-ports", "30000-30999", "--max-calls", "500").RtpRangeWarning());
        Assert.Null(Parse("--address", "192.0.2.10", "--rtp-ports", "30000-30999").RtpRangeWarning()); // the default fits the range
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("90", 90)]
    [InlineData("15m", 900)]
    [InlineData("2h", 7200)]
    [InlineData("0s", 0)]
    public void Parse_DrainTimeout_SecondsMinutesOrHours(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Parse("--address", "192.0.2.10", "--drain-timeout", text).DrainTimeout);
        Assert.Null(Parse("--address", "192.0.2.10").MetricsPort);
    }

    [Fact]
    public void Parse_MetricsPort_WithNoConsole()
    {
        var options = Parse("--address", "192.0.2.10", "--no-console", "--metrics-port", "9464");

        Assert.False(options.Console);
        Assert.Equal(9464, options.MetricsPort);
        Assert.Throws<UsageException>(() => Parse("--address", "192.0.2.10", "--metrics-port", "70000"));
    }

    [Fact]
    public void Parse_EveryOption_EndsUpInTheRecord()
    {
        var options = Parse("--sip-port", "0", "--address", "192.0.2.10", "--rtp-ports", "30000-30099", "--trust", "any", "--max-calls", "7",
            "--queues", "q.yaml", "--trunk", "t.yaml", "--http-port", "0", "--http-bind", "0.0.0.0", "--no-console", "--no-symmetric-rtp",
            "--clock-start", "2026-11-23T10:00:00+08:00", "--flows", "f", "--prompts", "p", "--data", "d");

        Assert.Equal(0, options.SipPort);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), options.Address);
        Assert.Equal((30000, 30099), (options.RtpPortMin, options.RtpPortMax));
        Assert.Equal(7, options.MaxCalls);
        Assert.Equal(("q.yaml", "t.yaml"), (options.QueueFile, options.TrunkFile));
        Assert.False(options.Console);
        Assert.False(options.SymmetricRtp);
        Assert.Equal((0, IPAddress.Any), (options.HttpPort, options.HttpBind));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), options.ClockStart);
        Assert.Equal(new IvrPaths("f", "p", "d"), options.Paths);
    }

    [Fact]
    public void Parse_Bind_ListensThereAndWritesItInSipAndSdp()
    {
        var options = Parse("--bind", "127.0.0.2", "--sip-port", "5060");

        Assert.Equal((IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.2")), (options.Bind, options.Address));
        Assert.Equal($"{Environment.MachineName}-127.0.0.2-5060", options.NodeId);
    }

    [Fact]
    public void Parse_BindAndAddress_TheAddressIsWrittenTheBindListened()
    {
        var options = Parse("--bind", "10.0.0.5", "--address", "192.0.2.10", "--node-id", "ivr-a.1");

        Assert.Equal((IPAddress.Parse("10.0.0.5"), IPAddress.Parse("192.0.2.10")), (options.Bind, options.Address));
        Assert.Equal("ivr-a.1", options.NodeId);
    }

    [Fact]
    public void Parse_Recordings_EachNodeRecordsIntoItsOwnFolderOfTheSharedOne()
    {
        var shared = Path.Combine(Path.GetTempPath(), "ivr-shared-recordings");

        var own = Parse("--address", "192.0.2.10", "--data", "d");
        var node = Parse("--address", "192.0.2.10", "--data", "d", "--node-id", "node2", "--recordings", shared);

        Assert.Equal((Path.Combine("d", "recordings"), Path.Combine("d", "recordings")), (own.RecordingsFolder, own.RecordingsRoot));
        Assert.Equal((Path.Combine(shared, "node2"), shared), (node.RecordingsFolder, node.RecordingsRoot));
    }

    [Fact]
    public void Parse_NoBind_EveryInterfaceAndTheIdFromTheAddress()
    {
        var options = Parse("--address", "192.0.2.10", "--sip-port", "5070");

        Assert.Null(options.Bind);
        Assert.Equal($"{Environment.MachineName}-192.0.2.10-5070", options.NodeId);
    }

    [Theory]
    [InlineData("--bind", "node2", "--bind must be an IP address")]
    [InlineData("--node-id", "a b", "--node-id takes 1 to 64 letters")]
    [InlineData("--node-id", "", "--node-id takes 1 to 64 letters")]
    public void Parse_BadBindOrNodeId_UsageErrorNamingTheOption(string option, string value, string message)
    {
        var refused = Assert.Throws<UsageException>(() => Parse("--address", "192.0.2.10", option, value));

        Assert.StartsWith(message, refused.Message);
    }

    [Fact]
    public void Help_NamesEveryOptionServeAccepts()
    {
        var usage = new ServeCommand().Usage;

        Assert.All(ServeOptions.Valued.Concat(ServeOptions.Switches), name => Assert.Contains($"--{name} ", usage));
    }

    [Theory]
    [InlineData("--sip-port 70000", "--sip-port must be a whole number from 0 to 65535, not '70000'")]
    [InlineData("--sip-port five", "--sip-port must be a whole number")]
    [InlineData("--rtp-ports 30000", "--rtp-ports must be a range like 20000-29999 within 1024-65535, not '30000'")]
    [InlineData("--rtp-ports 80-90", "--rtp-ports must be a range")]
    [InlineData("--address 0.0.0.0", "--address must be the IP address callers reach this machine at, not '0.0.0.0'")]
    [InlineData("--address pbx.example", "--address must be the IP address")]
    [InlineData("--trust 10.0.0.0/99", "--trust: not a CIDR prefix or IP address: '10.0.0.0/99'")]
    [InlineData("--trust ,", "--trust lists no network; give networks like 10.0.0.0/8,192.168.1.7 or 'any'")]
    [InlineData("--max-calls 0", "--max-calls must be a whole number from 1 to 100000, not '0'")]
    [InlineData("--http-port -1", "--http-port must be a whole number from 0 to 65535")]
    [InlineData("--http-bind localhost", "--http-bind must be an IP address, not 'localhost'")]
    [InlineData("--clock-start tomorrow", "--clock-start takes a moment like 2026-11-23T10:00:00+08:00, not 'tomorrow'")]
    [InlineData("--drain-timeout 5x", "--drain-timeout takes a duration like 90s, 15m or 1h, not '5x'")]
    [InlineData("--drain-timeout -5s", "--drain-timeout takes a duration like 90s, 15m or 1h, not '-5s'")]
    [InlineData("--drain-timeout 25h", "--drain-timeout must be at most 24h, not '25h'")]
    [InlineData("--sip-prot 5060", "unknown option --sip-prot")]
    [InlineData("--data", "--data needs a value")]
    public async Task Serve_BadOption_ExitsTwoNamingTheOptionAndShowsTheUsage(string arguments, string message)
    {
        var (code, _, errors) = await ProgramTests.Run(["serve", .. arguments.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Contains($"ivr serve: {message}", errors);
        Assert.Contains("usage: ivr serve", errors);
        Assert.DoesNotContain("database", errors.Split("usage:")[0]); // refused before anything started
    }
}
