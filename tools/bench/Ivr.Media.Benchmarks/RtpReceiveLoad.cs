using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ivr.Media.Rtp;
using Ivr.Media.Rtp.Receiving;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// What receiving costs with phones' traffic (issue 13): <c>calls</c> endpoints, each sent 50 packets a second (one
/// sender thread, paced in 2 ms bursts), received either by one <c>ReceiveFromAsync</c> loop per endpoint (the old
/// way, still the fallback) or by the shared receive threads (<c>epoll</c> + <c>recvmmsg</c>). Per mode: the process's
/// CPU time per packet (sender included, the same in both modes), thread-pool work items per packet, packets received
/// of those sent. CPU time, not wall time: it holds on a loaded machine. The handler only counts (the call's own work,
/// the same in both modes, is left out).
/// </summary>
internal static class RtpReceiveLoad
{
    public static void Print(TextWriter output, int calls = 500, int seconds = 10)
    {
        output.WriteLine($"{calls} endpoints x 50 packets/s ({calls * 50:N0}/s) for {seconds} s, after 2 s of warm-up; load {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var shared in new[] { false, true, false, true })
        {
            var (cpu, items, received, sent) = Run(shared, calls, seconds);
            output.WriteLine($"  {(shared ? "shared receive threads" : "a loop per endpoint   ")}  {cpu,6:F2} µs CPU/packet  {items,6:F3} work items/packet  received {received:N0} of {sent:N0}");
        }
    }

    private static (double CpuMicroseconds, double WorkItems, long Received, long Sent) Run(bool shared, int calls, int seconds)
    {
        var threads = shared ? new RtpReceiveThreads(Environment.ProcessorCount) : null;
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        var endpoints = Enumerable.Range(0, calls).Select(_ => new RtpEndpoint(loopback)).ToArray();
        long received = 0;
        using var stop = new CancellationTokenSource();
        var loops = endpoints.Select(e => e.ReceiveAsync(_ => Interlocked.Increment(ref received), threads, stop.Token)).ToArray();
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(loopback);
        var targets = endpoints.Select(e => e.LocalEndPoint.Serialize()).ToArray();
        var packet = new byte[RtpHeader.FixedLength + 160];
        long sent = 0;
        var measuring = new ManualResetEventSlim();
        var sending = new Thread(() =>
        {
            var perBurst = Math.Max(1, calls / 10); // 2 ms bursts: every endpoint once per 20 ms
            var next = 0;
            var deadline = Stopwatch.GetTimestamp();
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < perBurst; i++, next = (next + 1) % calls)
                {
                    new RtpHeader(0, (ushort)sent, (uint)sent * 160, (uint)next).WriteTo(packet);
                    sender.SendTo(packet, SocketFlags.None, targets[next]);
                    sent++;
                }

                deadline += Stopwatch.Frequency / 500;
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (wait > TimeSpan.Zero) Thread.Sleep(wait);
            }
        }) { IsBackground = true, Name = "RTP load sender" };
        sending.Start();
        Thread.Sleep(2_000);
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var items0 = ThreadPool.CompletedWorkItemCount;
        var (received0, sent0) = (Interlocked.Read(ref received), Interlocked.Read(ref sent));
        Thread.Sleep(seconds * 1_000);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        var items = ThreadPool.CompletedWorkItemCount - items0;
        var (receivedNow, sentNow) = (Interlocked.Read(ref received) - received0, Interlocked.Read(ref sent) - sent0);
        stop.Cancel();
        sending.Join();
        foreach (var endpoint in endpoints) endpoint.Dispose();
        Task.WaitAll(loops, TimeSpan.FromSeconds(10));
        return (cpu.TotalMicroseconds / Math.Max(1, receivedNow), items / (double)Math.Max(1, receivedNow), receivedNow, sentNow);
    }
}
