using System.Diagnostics;
using System.Runtime.InteropServices;
using Ivr.Host.Serving;

namespace Ivr.Host.Commands;

/// <summary>
/// <c>ivr drain</c>: asks the <c>ivr serve</c> of a data folder to drain — SIGTERM to the process named in
/// DATA/serve.pid — and with <c>--wait</c> follows it until it has exited.
/// </summary>
public sealed class DrainCommand : CommandBase
{
    private const int SigTerm = 15;

    public override string Name => "drain";

    public override string Summary => "ask a running server to refuse new calls, finish its calls, then stop";

    public override string Usage => $"""
        usage: ivr drain [--data DIR] [--wait] [--timeout D]

        Sends SIGTERM to the ivr serve whose process id DATA/serve.pid holds. That server answers
        OPTIONS and new INVITEs with 503 (a Kamailio in front sends new calls to other nodes), lets
        the calls in progress end (at most its --drain-timeout, then it ends them with a BYE), stops
        and exits 0. A second SIGTERM (or Ctrl+C) stops it at once. Exits 1 when no server runs on
        DATA (no serve.pid, or a stale one left by a process that no longer runs).

          --wait           wait until the server has exited, printing progress every 5 s
          --timeout D      with --wait: give up waiting after D (e.g. 90s, 20m; default: wait as long as it takes);
                           the server keeps draining
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "timeout"];

    protected override IReadOnlyCollection<string> Switches => ["wait"];

    protected override async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var data = IvrPaths.From(line).Data;
        var timeout = ServeOptions.ParseDuration("timeout", line.Get("timeout"));
        var (pid, running) = ServePidFile.Read(data);
        if (pid == 0)
        {
            Console.Error.WriteLine($"no ivr serve runs on {data}: there is no {ServePidFile.PathIn(data)}");
            return 1;
        }

        if (!running)
        {
            Console.Error.WriteLine($"{ServePidFile.PathIn(data)} is stale: process {pid} no longer runs (a server that crashed); nothing to drain");
            return 1;
        }

        if (Kill(pid, SigTerm) != 0)
        {
            Console.Error.WriteLine($"cannot signal process {pid}: {Marshal.GetLastPInvokeErrorMessage()}");
            return 1;
        }

        Console.WriteLine($"asked ivr serve (pid {pid}) on {data} to drain");
        return line.Has("wait") ? await WaitForExitAsync(pid, data, timeout, cancellation) : 0;
    }

    private static async Task<int> WaitForExitAsync(int pid, string data, TimeSpan? timeout, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(5);
        while (ServePidFile.Read(data) is { Running: true, Pid: var current } && current == pid)
        {
            if (clock.Elapsed >= timeout)
            {
                Console.Error.WriteLine($"pid {pid} still draining after {clock.Elapsed.TotalSeconds:0} s; stopped waiting (it goes on)");
                return 1;
            }

            if (clock.Elapsed >= nextReport)
            {
                Console.WriteLine($"pid {pid} still draining after {clock.Elapsed.TotalSeconds:0} s");
                nextReport += TimeSpan.FromSeconds(5);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellation);
        }

        Console.WriteLine($"pid {pid} stopped after {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
