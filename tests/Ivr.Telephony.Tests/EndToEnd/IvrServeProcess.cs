using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// A real `ivr serve` (the build output of engine/Ivr.Host) on loopback with a temporary data folder
/// and free SIP, RTP and console ports, started from the repository root so that the shipped flows
/// and prompts are served. Disposing kills it and deletes the data folder.
/// </summary>
public sealed class IvrServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly DirectoryInfo _work;

    private IvrServeProcess(Process process, DirectoryInfo work, int sipPort)
    {
        _process = process;
        _work = work;
        SipPort = sipPort;
    }

    public int SipPort { get; }

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

    public static async Task<IvrServeProcess> StartAsync(string root, string binary, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("ivr-netsip-");
        var sipPort = FreePort(SocketType.Dgram, ProtocolType.Udp);
        var rtpBase = FreeRtpRange();
        var info = new ProcessStartInfo(binary)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "serve", "--sip-port", sipPort.ToString(), "--address", "127.0.0.1", "--rtp-ports", $"{rtpBase}-{rtpBase + 3}",
            "--http-port", FreePort(SocketType.Stream, ProtocolType.Tcp).ToString(), "--data", Path.Combine(work.FullName, "data"),
        })
        {
            info.ArgumentList.Add(arg);
        }

        var server = new IvrServeProcess(Process.Start(info)!, work, sipPort);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60); // a loaded 2-core machine takes a while to seed a new database
        while (!server.Log.Contains("; call sip:", StringComparison.Ordinal))
        {
            if (server._process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"ivr serve did not start listening:\n{server.Log}");
            await Task.Delay(100, cancellationToken);
        }

        return server;
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
    private static int FreeRtpRange()
    {
        for (var port = 52000 + (Environment.ProcessId % 1000) * 8; port < 65000; port += 8)
        {
            var sockets = new List<Socket>();
            try
            {
                for (var p = port; p < port + 4; p++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    sockets.Add(socket);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, p));
                }

                return port;
            }
            catch (SocketException)
            {
            }
            finally
            {
                foreach (var socket in sockets) socket.Dispose();
            }
        }

        throw new InvalidOperationException("no free RTP port range");
    }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, type, protocol);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
