using System.Diagnostics;
using System.Text.Json;
using Ivr.Tests.Shared;

namespace Ivr.Host.Tests.Metrics;

/// <summary>
/// Debian's real <c>prometheus</c>, started for a test: a generated configuration scraping one target every second,
/// storage in a temporary folder, its web API on a free loopback port. <see cref="DisposeAsync"/> kills it and
/// removes the folder. tools/test installs the package; without it the test fails (it never skips).
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Uri _api;

    private PrometheusServer(Process process, string folder, Uri api)
    {
        _process = process;
        _folder = folder;
        _api = api;
    }

    /// <summary>What it printed (stderr), for a failing test's message.</summary>
    public ConcurrentOutput Output { get; } = new();

    /// <summary>Starts prometheus scraping <paramref name="target"/> (host:port) at <paramref name="metricsPath"/>.</summary>
    public static PrometheusServer Start(string target, string metricsPath)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: apt-get install prometheus (tools/test installs it)");
        var folder = Directory.CreateTempSubdirectory("ivr-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: ivr
                metrics_path: {metricsPath}
                static_configs:
                  - targets: ['{target}']
            """);
        var port = FreePorts.One();
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}",
                "--log.level=warn",
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        process.ErrorDataReceived += (_, e) => server.Output.Add(e.Data);
        process.OutputDataReceived += (_, e) => server.Output.Add(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return server;
    }

    /// <summary>Asks the HTTP API for <paramref name="query"/> until it answers a sample equal to <paramref name="expected"/>
    /// (what it answered last is in the failure).</summary>
    public async Task<string> WaitForValueAsync(string query, string expected, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var last = "(nothing)";
        while (true)
        {
            Assert.False(_process.HasExited, $"prometheus exited with code {(_process.HasExited ? _process.ExitCode : 0)}: {Output}");
            try
            {
                last = await _http.GetStringAsync(new Uri(_api, $"api/v1/query?query={Uri.EscapeDataString(query)}"));
                if (ValueOf(last) == expected) return last;
            }
            catch (HttpRequestException e)
            {
                last = e.Message; // not listening yet
            }

            Assert.True(DateTime.UtcNow < deadline, $"prometheus did not answer {query} = {expected} within {limit.TotalSeconds} s; last answer: {last}; its log: {Output}");
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The value of the first sample in an instant-query answer; null when there is none.</summary>
    private static string? ValueOf(string answer)
    {
        using var json = JsonDocument.Parse(answer);
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? null : result[0].GetProperty("value")[1].GetString();
    }

    /// <summary>Lines a process printed, kept thread-safely (the last 50).</summary>
    public sealed class ConcurrentOutput
    {
        private readonly Queue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is null) return;
            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > 50) _lines.Dequeue();
            }
        }

        public override string ToString()
        {
            lock (_lines) return string.Join("\n", _lines);
        }
    }
}
