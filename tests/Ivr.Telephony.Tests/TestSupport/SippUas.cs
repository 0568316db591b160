using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ivr.Tests.Shared;
using Xunit.Abstractions;

namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>
/// SIPp as a stand-in callee (agent or trunk), running one scenario of EndToEnd/Sipp for one call on free loopback
/// ports (SIP and media), optionally echoing RTP (<c>-rtp_echo</c>). <see cref="StartAsync"/> returns once SIPp holds
/// its SIP port; <see cref="FinishAsync"/> waits for it to exit and writes its screen and errors to the test output.
/// </summary>
public sealed class SippUas : IAsyncDisposable
{
    public const string SippPath = "/usr/bin/sipp";

    private readonly Process _process;
    private readonly DirectoryInfo _workDir;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly ITestOutputHelper _output;

    private SippUas(Process process, DirectoryInfo workDir, int port, int mediaPort, ITestOutputHelper output)
    {
        _process = process;
        _workDir = workDir;
        _output = output;
        Port = port;
        MediaPort = mediaPort;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static bool IsInstalled => File.Exists(SippPath);

    public int Port { get; }

    public int MediaPort { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>Starts SIPp on free ports; when it exits before binding (another test took a port in between), tries again
    /// on other ports, up to three times.</summary>
    public static async Task<SippUas> StartAsync(string scenario, ITestOutputHelper output, bool rtpEcho = false, int timeoutSeconds = 30)
    {
        for (var attempt = 1; ; attempt++)
        {
            var uas = await StartOnceAsync(scenario, output, rtpEcho, timeoutSeconds);
            if (!uas._process.HasExited || attempt == 3) return uas;
            output.WriteLine($"sipp exited before binding its ports (attempt {attempt}); trying other ports");
            await uas.DisposeAsync();
        }
    }

    private static async Task<SippUas> StartOnceAsync(string scenario, ITestOutputHelper output, bool rtpEcho, int timeoutSeconds)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Sipp", scenario);
        var workDir = Directory.CreateTempSubdirectory("ivr-sipp-uas-");
        // Its SIP port and its media port, spans of 4: SIPp 3.6 binds -mp and -mp+2, and their odd neighbours stay free too.
        var ports = FreePorts.Take(2, span: 4);
        var (port, mediaPort) = (ports[0], ports[1]);
        var info = new ProcessStartInfo(SippPath) { WorkingDirectory = workDir.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        var args = new List<string>
        {
            "-sf", path, "-i", "127.0.0.1", "-p", port.ToString(), "-mi", "127.0.0.1", "-mp", mediaPort.ToString(), "-m", "1",
            "-timeout", $"{timeoutSeconds}s", "-timeout_error", "-nostdin", "-trace_err", "-t", "u1",
        };
        if (rtpEcho) args.Add("-rtp_echo");
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var uas = new SippUas(Process.Start(info)!, workDir, port, mediaPort, output);
        if (!await Poll.UntilAsync(() => IsBound(port) || uas._process.HasExited, 10))
        {
            throw new TimeoutException($"sipp did not bind port {port}");
        }

        return uas;
    }

    /// <summary>Waits for SIPp to end its one call; returns its exit code (0: the scenario ran to its end).</summary>
    public async Task<int> FinishAsync(double seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        var text = await _stdout;
        _output.WriteLine(text.Length > 3000 ? text[^3000..] : text);
        _output.WriteLine(await _stderr);
        foreach (var file in _workDir.GetFiles("*_errors.log")) _output.WriteLine(File.ReadAllText(file.FullName));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            _workDir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsBound(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
