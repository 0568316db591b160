using System.Collections.Concurrent;
using System.Net;
using Ivr.Flows.Loading;
using Ivr.Host.Cli;
using Ivr.Host.Commands;
using Ivr.Host.Serving;
using Ivr.Host.SipReplay;
using Ivr.Runtime.Replay;
using Ivr.Tests.Shared;

namespace Ivr.Host.Tests.Metrics;

/// <summary>
/// The whole server started in this process with its console and a metrics-only listener: <c>/metrics</c> answers
/// without sign-in on both, parses as Prometheus text, and a real SIP call (the replay caller: PCMU, RFC 4733 keys,
/// BYE) moves the call counters and histograms. Real time; every wait has a deadline.
/// </summary>
[Collection("console")]
public sealed class MetricsServerTests : IAsyncLifetime
{
    private static readonly TimeSpan CallLimit = TimeSpan.FromMinutes(3);

    private readonly ExampleFlows _files = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private IvrServer _server = null!;

    private string Data => Path.Combine(_files.Root, "data");

    public async Task InitializeAsync()
    {
        var rtp = UdpPorts.FreeRange(20);
        _server = await IvrServer.StartAsync(new ServeOptions
        {
            Paths = new IvrPaths(_files.Flows, _files.Prompts, Data),
            SipPort = FreePorts.One(),
            Address = IPAddress.Loopback,
            RtpPortMin = rtp,
            RtpPortMax = rtp + 19,
            MaxCalls = 10,
            HttpPort = 0,
            MetricsPort = 0,
            QueueFile = null,
            TrunkFile = null,
            ClockStart = DateTimeOffset.Parse("2026-11-23T10:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture),
        }, _log.Enqueue, CancellationToken.None);
    }

    [Fact]
    public async Task Metrics_OnTheConsoleAndTheMetricsPort_AnswerWithoutSignIn_AsPrometheusText()
    {
        foreach (var address in new[] { _server.ConsoleAddress!, _server.MetricsAddress! })
        {
            using var response = await _http.GetAsync(new Uri(address, "metrics"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString());
            var scraped = new PrometheusText(await response.Content.ReadAsStringAsync());
            Assert.Equal(0, scraped.Value("ivr_calls_up"));
            Assert.Equal(0, scraped.Value("ivr_draining"));
            var node = Assert.Single(scraped.LabelValues("ivr_node_info", "node")); // the node id (derived: HOST-ADDRESS-SIPPORT)
            Assert.StartsWith($"{Environment.MachineName}-", node);
            Assert.Equal(1, scraped.Value("ivr_node_info", $"node={node}"));
            Assert.Equal(1, scraped.Value("ivr_flow_version_info", $"version={_server.Flows.Current!.Version}"));
            Assert.All(scraped.Names, name => Assert.StartsWith("ivr_", name));
        }

        using var other = await _http.GetAsync(new Uri(_server.MetricsAddress!, "api/live"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode); // the metrics port serves nothing else
    }

    [Fact]
    public async Task ARealCall_MovesEndedSetupKeyAndPacingFigures()
    {
        var before = await ScrapeAsync();
        var result = await CallAsync("""
            name: the caller picks the pension lookup, is asked for the ID, hangs up
            steps:
              - expect: [welcome, main_menu]
              - press: "1"
              - expect: enter_id
              - hangup: {}
              - expect_hangup: abandoned
            """);
        Assert.True(result.Passed, result.Failure);

        var after = await ScrapeAsync();
        Assert.Equal((before.Value("ivr_calls_ended_total", "disposition=abandoned") ?? 0) + 1, after.Value("ivr_calls_ended_total", "disposition=abandoned"));
        Assert.Equal(before.Value("ivr_call_setup_seconds_count") + 1, after.Value("ivr_call_setup_seconds_count"));
        Assert.True(after.Value("ivr_key_to_prompt_seconds_count") > before.Value("ivr_key_to_prompt_seconds_count"));
        Assert.True(after.Value("ivr_pacing_lateness_seconds_count") > before.Value("ivr_pacing_lateness_seconds_count"));
        Assert.Equal(0, after.Value("ivr_calls_up"));
        // The call's stream leaves its pacing thread at that thread's next step (within 20 ms of the hangup).
        var streams = after.Value("ivr_pacing_streams", "thread=0");
        for (var deadline = DateTime.UtcNow.AddSeconds(5); streams != 0 && DateTime.UtcNow < deadline; await Task.Delay(50))
            streams = (await ScrapeAsync()).Value("ivr_pacing_streams", "thread=0");
        Assert.Equal(0, streams);
    }

    [Fact]
    public async Task DebiansPrometheus_ScrapesTheMetricsPort_AndSeesTheValuesChange()
    {
        var address = _server.MetricsAddress!;
        await using var prometheus = PrometheusServer.Start($"{address.Host}:{address.Port}", "/metrics");

        await prometheus.WaitForValueAsync("ivr_calls_up", "0", TimeSpan.FromSeconds(90));
        _server.Metrics.Draining = true;
        await prometheus.WaitForValueAsync("ivr_draining", "1", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Promtool_FindsNoProblemInTheText()
    {
        var text = await _http.GetStringAsync(new Uri(_server.MetricsAddress!, "metrics"));
        var check = new System.Diagnostics.ProcessStartInfo("/usr/bin/promtool", "check metrics")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var promtool = System.Diagnostics.Process.Start(check)!;
        await promtool.StandardInput.WriteAsync(text);
        promtool.StandardInput.Close();
        var output = promtool.StandardOutput.ReadToEndAsync();
        var errors = promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(promtool.ExitCode == 0, $"promtool check metrics: exit {promtool.ExitCode}\n{await output}{await errors}");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _files.Dispose();
    }

    private async Task<PrometheusText> ScrapeAsync() => new(await _http.GetStringAsync(new Uri(_server.ConsoleAddress!, "metrics")));

    private async Task<ReplayResult> CallAsync(string yaml)
    {
        var path = Path.Combine(_files.Root, "script.yaml");
        File.WriteAllText(path, yaml);
        var loaded = FlowSetLoader.Load(_files.Flows, _files.Prompts, KnownOperations.All);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        var target = new SipTarget("12333", IPAddress.Loopback, _server.SipEndPoint.Port);
        await using var runner = LiveReplayRunner.Start(target, loaded.Set!, Path.Combine(Data, "ivr.db"));
        return await Task.Run(() => runner.Run(ReplayScriptReader.Read(path))).WaitAsync(CallLimit);
    }
}
