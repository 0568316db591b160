using System.Diagnostics;
using System.Text;
using Ivr.Tests.Shared;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// A real `ivr serve` (the build output of engine/Ivr.Host) on loopback with a temporary data folder
/// and free SIP, RTP and console ports, started from the repository root so that the shipped flows
/// and prompts are served. Disposing kills it and deletes the data folder — unless the test gave the folder
/// (then it outlives the server: a restart on the same data). (Host tests link this file too.)
/// </summary>
public sealed class IvrServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly DirectoryInfo _work;
    private readonly bool _ownsWork;

    private IvrServeProcess(Process process, DirectoryInfo work, bool ownsWork, int sipPort)
    {
        _process = process;
        _work = work;
        _ownsWork = ownsWork;
        SipPort = sipPort;
    }

    public int SipPort { get; }

    public int Pid => _process.Id;

    public string DataFolder => Path.Combine(_work.FullName, "data");

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>The repository root (the folder holding Ivr.sln above the test binaries), or null.</summary>
    public static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ivr.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>The newest built `ivr` apphost (Release or Debug), or null when engine/Ivr.Host was not built.</summary>
    public static string? FindBinary(string root) =>
        new[] { "Release", "Debug" }
            .Select(c => Path.Combine(root, "engine", "Ivr.Host", "bin", c, "net10.0", "ivr"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();

    /// <summary>The operations console's address, from the log line that announced it.</summary>
    public Uri ConsoleAddress => new(System.Text.RegularExpressions.Regex.Match(Log, @"console: listening on (\S+)").Groups[1].Value);

    /// <param name="work">The folder holding data/ (kept when given); null: a new temporary one, deleted at dispose.</param>
    /// <param name="environment">Extra environment variables (IVR_ADMIN_USER / IVR_ADMIN_PASSWORD for the console).</param>
    /// <param name="options">More `ivr serve` options, e.g. --drain-timeout 2s.</param>
    public static async Task<IvrServeProcess> StartAsync(string root, string binary, CancellationToken cancellationToken, DirectoryInfo? work = null,
        IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? options = null)
    {
        var ownsWork = work is null;
        work ??= Directory.CreateTempSubdirectory("ivr-netsip-");
        var ports = FreePorts.Take(2); // SIP (UDP and TCP) and the console
        var sipPort = ports[0];
        var rtpBase = FreeRtpRange();
        var info = new ProcessStartInfo(binary)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        string[] arguments =
        [
            "serve", "--sip-port", sipPort.ToString(), "--address", "127.0.0.1", "--rtp-ports", $"{rtpBase}-{rtpBase + 3}",
            "--http-port", ports[1].ToString(), "--data", Path.Combine(work.FullName, "data"),
            .. options ?? [],
        ];
        foreach (var arg in arguments)
        {
            info.ArgumentList.Add(arg);
        }

        var server = new IvrServeProcess(Process.Start(info)!, work, ownsWork, sipPort);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(120); // a cold start under a loaded machine (6 builds on 2 cores) took over 20 s
        while (!server.Log.Contains("; call sip:", StringComparison.Ordinal))
        {
            if (server._process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"ivr serve did not start listening:\n{server.Log}");
            await Task.Delay(100, cancellationToken);
        }

        return server;
    }

    /// <returns>The exit code, or null when the process still runs after <paramref name="timeout"/>.</returns>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL, as a crash or <c>kill -9</c>: nothing in the server runs after it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        // Bounded: with the output read asynchronously, WaitForExitAsync also waits for the pipes to close, which a
        // stray grandchild holding them could delay forever.
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(exited.Token);
        }
        catch (OperationCanceledException)
        {
        }

        _process.Dispose();
        if (!_ownsWork) return;
        try
        {
            _work.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    /// <summary>Four free UDP ports starting at an even one, away from the ranges other tests pick.</summary>
    private static int FreeRtpRange() => FreeUdpPorts.Block(4, 52000, 65000);
}
