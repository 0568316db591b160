using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Media.Rtp;

// Sender-side pacing of N streams of 20 ms packets (the SIP replay's callers): when each packet was
// handed to its socket, as deviation of consecutive gaps from 20 ms.
//   sleep: one thread per stream, Stopwatch + Thread.Sleep (the replay caller before it used the pacer)
//   pacer: one PlayoutScheduler thread, ordinary priority;  rt: the same with real-time priority (as serve and replay use)
// usage: Ivr.PacingBench sleep|pacer|rt [streams=20] [seconds=10]
var mode = args.Length > 0 ? args[0] : "rt";
var calls = args.Length > 1 ? int.Parse(args[1]) : 20;
var seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
if (mode is not ("sleep" or "pacer" or "rt")) { Console.Error.WriteLine("usage: Ivr.PacingBench sleep|pacer|rt [streams] [seconds]"); return 2; }
using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
var target = sink.LocalEndPoint!;
var sends = Enumerable.Range(0, calls).Select(_ => new long[(int)(seconds * 50) + 200]).ToArray();
var counts = new int[calls];
var recording = 0;
var stop = new CancellationTokenSource();
var threadsBefore = Process.GetCurrentProcess().Threads.Count;
var sockets = Enumerable.Range(0, calls).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)).ToArray();
void Sent(int call, ReadOnlySpan<byte> packet)
{
    sockets[call].SendTo(packet, SocketFlags.None, target);
    if (Volatile.Read(ref recording) == 1 && counts[call] < sends[call].Length) sends[call][counts[call]++] = Stopwatch.GetTimestamp();
}
PlayoutScheduler? pacer = null;
var threads = new List<Thread>();
if (mode == "sleep")
{
    for (var c = 0; c < calls; c++)
    {
        var call = c;
        var t = new Thread(() =>
        {
            var packet = new byte[172];
            var next = Stopwatch.GetTimestamp();
            var frameTicks = (long)(0.02 * Stopwatch.Frequency);
            while (!stop.IsCancellationRequested)
            {
                Sent(call, packet);
                next += frameTicks;
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero) Thread.Sleep(wait);
                else if (-wait > TimeSpan.FromMilliseconds(200)) next = Stopwatch.GetTimestamp();
            }
        }) { IsBackground = true };
        t.Start();
        threads.Add(t);
    }
}
else
{
    pacer = new PlayoutScheduler(TimeProvider.System, realTimePriority: mode == "rt");
    pacer.Start();
    for (var c = 0; c < calls; c++)
    {
        var call = c;
        var stream = pacer.AddStream(G711Law.MuLaw, new RtpSender(0, TimeProvider.System), p => Sent(call, p));
        stream.Generator = frame => frame.Clear();
    }
}
Thread.Sleep(500);
var threadsDuring = Process.GetCurrentProcess().Threads.Count;
var latenessBefore = pacer?.Lateness();
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
Volatile.Write(ref recording, 1);
Thread.Sleep(TimeSpan.FromSeconds(seconds));
Volatile.Write(ref recording, 0);
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / seconds;
var latenessAfter = pacer?.Lateness();
stop.Cancel();
pacer?.Dispose();
var dev = new List<double>();
for (var c = 0; c < calls; c++)
    for (var i = 1; i < counts[c]; i++) dev.Add(Math.Abs(Stopwatch.GetElapsedTime(sends[c][i - 1], sends[c][i]).TotalMilliseconds - 20));
var d = dev.Order().ToArray();
double P(double q) => d[(int)Math.Min(d.Length - 1, q * d.Length)];
Console.WriteLine($"{mode,-5}: {calls} streams {seconds:0} s load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}: packets {counts.Sum()}/{calls * seconds * 50:0}, |gap-20ms| mean {d.Average():0.000} p50 {P(0.5):0.000} p99 {P(0.99):0.000} max {d[^1]:0.00} ms, >2 ms off {100.0 * d.Count(x => x > 2) / d.Length:0.0} %, threads +{threadsDuring - threadsBefore}{(pacer is null ? "" : $", rt {pacer.RealTimeThreads}")}");
Console.WriteLine($"       process CPU {cpu:0.000} cores ({100 * cpu / calls:0.0000} % of a core per stream)");
if (latenessBefore is not null && latenessAfter is not null)
{
    // The pacer's own view: how late each stream's step began (per stream served), by bucket, within the window.
    var served = Enumerable.Range(0, latenessAfter.Counts.Count).Select(i => latenessAfter.Counts[i] - latenessBefore.Counts[i]).ToArray();
    var total = Math.Max(1, served.Sum());
    var bounds = LatenessHistogram.UpperBounds.Select(b => $"<={b * 1000:0.###}").Append(">100").ToArray();
    Console.WriteLine("       pacer lateness per stream served (ms): " + string.Join("  ", bounds.Zip(served, (b, n) => $"{b} {100.0 * n / total:0.00}%")));
}
return 0;
