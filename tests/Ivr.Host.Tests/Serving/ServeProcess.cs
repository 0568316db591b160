using System.Diagnostics;
using System.Text;

namespace Ivr.Host.Tests.Serving;

/// <summary>A real <c>ivr serve</c> process (the apphost built beside these tests) with the arguments given;
/// <see cref="Kill"/> is a <c>kill -9</c>. Disposing kills it if it still runs.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServeProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Starts it and waits (at most 120 s: a loaded machine) for the line that says SIP listens.</summary>
    public static async Task<ServeProcess> StartAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "ivr"))
        {
            WorkingDirectory = ExampleFlows.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("serve");
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var server = new ServeProcess(Process.Start(info)!);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!server.Log.Contains("; call sip:", StringComparison.Ordinal))
        {
            if (server._process.HasExited || DateTime.UtcNow > deadline)
            {
                server.Dispose();
                throw new InvalidOperationException($"ivr serve did not start listening:\n{server.Log}");
            }
            await Task.Delay(100);
        }
        return server;
    }

    /// <summary>SIGKILL: no part of the server gets to stop.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(30_000);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}
