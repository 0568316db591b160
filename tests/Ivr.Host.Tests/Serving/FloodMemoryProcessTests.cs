using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ivr.Tests.Shared;
using Xunit.Abstractions;

namespace Ivr.Host.Tests.Serving;

/// <summary>
/// A real <c>ivr serve</c> flooded with garbage from 127.0.0.2 while 127.0.0.1 asks OPTIONS (issue 14, "memory back near
/// baseline within a minute after a flood"): its resident memory stays near what it was before the flood and is back
/// within 20 % of it soon after. Failed with dynamic PGO on: the JIT's tier-1 recompiles of the hot receive path took
/// ~250 MB of native memory (RSS ~125 → ~400 MB), kept until a collection (often minutes).
/// </summary>
public sealed class FloodMemoryProcessTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Flood = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(30);
    private readonly ExampleFlows _files = new();

    [Fact]
    public async Task GarbageFloodFrom127002_RssStaysNearTheBaseline_AndIsBackWithin20PercentSoonAfter()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc/PID/status
        var (server, port) = await StartServerAsync();
        using var _ = server;
        var target = new IPEndPoint(IPAddress.Loopback, port);
        using var prober = Bind("127.0.0.1");
        for (var i = 0; i < 20; i++) await ProbeAsync(prober, target, $"warm-{i}"); // the OPTIONS path compiled before the baseline
        await Task.Delay(TimeSpan.FromSeconds(3));
        var baseline = RssMb(server.Pid);

        var peak = baseline;
        var flooding = new Thread(() => FloodFrom127002(target)) { IsBackground = true };
        flooding.Start();
        for (var i = 0; flooding.IsAlive; i++)
        {
            await ProbeAsync(prober, target, $"flood-{i}");
            peak = Math.Max(peak, RssMb(server.Pid));
        }

        flooding.Join();
        var clock = Stopwatch.StartNew();
        var now = RssMb(server.Pid);
        while (now > baseline * 1.2 && clock.Elapsed < BackWithin)
        {
            await Task.Delay(500);
            peak = Math.Max(peak, now);
            now = RssMb(server.Pid);
        }

        output.WriteLine($"RSS MB: baseline {baseline:F0}, peak {peak:F0}, {clock.Elapsed.TotalSeconds:F1} s after the flood {now:F0}");
        Assert.True(server.Log.Contains("over its budget", StringComparison.Ordinal) || server.Log.Contains("malformed", StringComparison.Ordinal),
            $"the flood reached the server:\n{server.Log}");
        Assert.True(peak <= baseline * 1.5, $"RSS peaked at {peak:F0} MB during the flood, baseline {baseline:F0} MB");
        Assert.True(now <= baseline * 1.2, $"RSS {now:F0} MB {BackWithin.TotalSeconds:F0} s after the flood, baseline {baseline:F0} MB");
    }

    /// <summary>Starts <c>ivr serve</c> on a free port; again on another when a parallel test took that one meanwhile (3 tries).</summary>
    private async Task<(ServeProcess Server, int Port)> StartServerAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePorts.One();
            var rtp = UdpPorts.FreeRange(20);
            try
            {
                return (await ServeProcess.StartAsync(["--bind", "127.0.0.1", "--sip-port", $"{port}", "--rtp-ports", $"{rtp}-{rtp + 19}",
                    "--no-console", "--flows", _files.Flows, "--prompts", _files.Prompts, "--data", Path.Combine(_files.Root, $"data-{attempt}")]), port);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                output.WriteLine($"port {port} or {rtp} taken meanwhile; trying others");
            }
        }
    }

    /// <summary>Random datagrams of 100–1400 bytes from 127.0.0.2 as fast as one thread can, for <see cref="Flood"/>.</summary>
    private static void FloodFrom127002(IPEndPoint target)
    {
        using var socket = Bind("127.0.0.2");
        socket.Connect(target);
        var random = new Random(14);
        var datagrams = Enumerable.Range(0, 64).Select(_ =>
        {
            var bytes = new byte[random.Next(100, 1400)];
            random.NextBytes(bytes);
            return bytes;
        }).ToArray();
        var clock = Stopwatch.StartNew();
        for (long sent = 0; clock.Elapsed < Flood; sent++)
        {
            try
            {
                socket.Send(datagrams[sent & 63]);
            }
            catch (SocketException)
            {
                // ECONNREFUSED after an ICMP error, ENOBUFS: a flooder does not care.
            }
        }
    }

    /// <summary>One OPTIONS; waits for its answer at most 100 ms (the answer is not what this test checks).</summary>
    private static async Task ProbeAsync(Socket socket, IPEndPoint target, string callId)
    {
        await socket.SendToAsync(Encoding.ASCII.GetBytes(
            $"OPTIONS sip:12333@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-{callId};rport\r\n" +
            $"Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:12333@127.0.0.1>\r\nCall-ID: {callId}\r\n" +
            "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"), target);
        using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        try
        {
            await socket.ReceiveAsync(new byte[4096], SocketFlags.None, wait.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static double RssMb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0).First();

    private static Socket Bind(string address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return socket;
    }

    public void Dispose() => _files.Dispose();
}
