using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Ivr.Tests.Shared;

namespace Ivr.OperationsConsole.BrowserTests.Support;

/// <summary>
/// A real <c>ivr serve</c> process (SIP, RTP and the console) on free loopback ports over a temporary
/// data folder, with the first admin created from IVR_ADMIN_USER / IVR_ADMIN_PASSWORD (API.md, "Starting a
/// server for browser tests"). The pages are served from the source folder.
/// </summary>
public sealed partial class ConsoleServer : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "console-test-pass-1";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConsoleServer(Process process, DirectoryInfo work, int sipPort)
    {
        _process = process;
        Work = work;
        SipPort = sipPort;
    }

    public Uri BaseUri { get; private set; } = null!;

    public int SipPort { get; }

    public DirectoryInfo Work { get; }

    public string DataFolder => Path.Combine(Work.FullName, "data");

    /// <summary>A copy of the repository's flows that this server watches: a test may edit it to publish a new version.</summary>
    public string FlowsFolder => Path.Combine(Work.FullName, "flows");

    public string DatabasePath => Path.Combine(DataFolder, "ivr.db");

    public string RecordingsFolder => Path.Combine(DataFolder, "recordings");

    /// <summary>Everything the server printed so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The copy of the prompts this server serves (with <c>ownPrompts</c>; else the repository's own).</summary>
    public string PromptsFolder => Path.Combine(Work.FullName, "prompts");

    /// <param name="ownPrompts">Serve a copy of the prompts and of tests/replay too (a test that publishes drafts writes into them).</param>
    public static async Task<ConsoleServer> StartAsync(bool ownPrompts = false)
    {
        if (!File.Exists(RepositoryPaths.IvrDll))
        {
            throw new InvalidOperationException($"{RepositoryPaths.IvrDll} is missing: build engine/Ivr.Host first");
        }

        var work = Directory.CreateTempSubdirectory("ivr-console-browser-");
        CopyFolder(Path.Combine(RepositoryPaths.Root, "flows"), Path.Combine(work.FullName, "flows"));
        // The fax catalog names its documents' sources relative to the folder above flows/: they travel with the copy.
        var fax = Path.Combine(RepositoryPaths.Root, "fax");
        if (Directory.Exists(fax))
        {
            CopyFolder(fax, Path.Combine(work.FullName, "fax"));
        }
        List<string> prompts = [];
        if (ownPrompts)
        {
            CopyFolder(Path.Combine(RepositoryPaths.Root, "prompts", "zh-CN"), Path.Combine(work.FullName, "prompts"));
            CopyFolder(Path.Combine(RepositoryPaths.Root, "tests", "replay"), Path.Combine(work.FullName, "tests", "replay"));
            prompts = ["--prompts", Path.Combine(work.FullName, "prompts")];
        }

        var sipPort = FreePorts.One();
        var rtp = FreeUdpPorts.Block(40, 20000, 60000, attempts: 50);
        var info = Ivr(["serve", "--data", Path.Combine(work.FullName, "data"), "--flows", Path.Combine(work.FullName, "flows"), .. prompts, "--sip-port", sipPort.ToString(), "--address", "127.0.0.1",
            "--rtp-ports", $"{rtp}-{rtp + 39}", "--http-port", "0"]);
        info.Environment["IVR_ADMIN_USER"] = AdminUser;
        info.Environment["IVR_ADMIN_PASSWORD"] = AdminPassword;
        info.Environment["IVR_CONSOLE_WWWROOT"] = RepositoryPaths.WwwRoot;

        var server = new ConsoleServer(Process.Start(info)!, work, sipPort);
        server._process.OutputDataReceived += (_, e) => server.Capture(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Capture(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        server._process.EnableRaisingEvents = true;
        server._process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException($"ivr serve exited ({server._process.ExitCode}):\n{server.Log}"));

        try
        {
            server.BaseUri = await server._listening.Task.WaitAsync(StartLimit);
            await server.WaitForSipAsync();
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"ivr serve did not say where the console listens within {StartLimit}:\n{server.Log}");
        }

        return server;
    }

    /// <summary>Runs another <c>ivr</c> command on the same data folder (e.g. <c>users add</c>), with optional standard input.</summary>
    public async Task<(int ExitCode, string Output)> RunIvrAsync(IEnumerable<string> arguments, string? input = null)
    {
        var info = Ivr(arguments);
        info.RedirectStandardInput = true;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Adds a console user with <c>ivr users add NAME --role R --data DIR</c> (password on standard input).</summary>
    public async Task AddUserAsync(string name, string role, string password)
    {
        var (code, output) = await RunIvrAsync(["users", "add", name, "--role", role, "--data", DataFolder], password);
        if (code != 0)
        {
            throw new InvalidOperationException($"ivr users add {name} exited {code}: {output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
        }
        catch (Exception) when (_process.HasExited)
        {
        }

        _process.Dispose();
        try
        {
            Work.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a dying process: the temp folder is cleaned by the system later
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static ProcessStartInfo Ivr(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.IvrDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return info;
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private async Task WaitForSipAsync()
    {
        var deadline = DateTime.UtcNow + StartLimit;
        while (!Log.Contains("; call sip:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"console: listening on (http://\S+?)/?$")]
    private static partial Regex ListeningLine();
}
