using System.Diagnostics;
using Ivr.Fax;
using Ivr.Fax.Rendering;
using Ivr.Media.Codecs;

// CPU per simultaneous fax (issue 6, "Measure"). N transmitter <-> receiver pairs of spandsp sessions joined by
// G.711 µ-law in memory, each sending the document to the end of its T.30 call.
//   unpaced (default): as fast as one core goes; CPU seconds of each side / seconds of line time = share of a
//                      core one fax costs (the server runs only the transmitter side of each fax).
//   --paced:           every 20 ms all N pairs take one frame, in real time, for --seconds; process CPU time over
//                      wall time / N = share of a core per pair, timers and all.
var pairs = Option("--pairs", 10);
var paced = args.Contains("--paced");
var seconds = Option("--seconds", 30);
var document = OptionText("--document") ?? Path.Combine(Root(), "fax", "rendered", "pension_policy.tif");
if (FaxLibrary.Problem is { } problem)
{
    Console.Error.WriteLine(problem);
    return 1;
}

var folder = Directory.CreateTempSubdirectory("ivr-fax-bench-").FullName;
try
{
    Console.WriteLine($"document {Path.GetFileName(document)}: {TiffPages.Count(document)} pages; {pairs} pairs; {(paced ? $"paced, {seconds} s" : "unpaced")}; {Environment.ProcessorCount} CPUs visible");
    return paced ? Paced() : Unpaced();
}
finally
{
    Directory.Delete(folder, recursive: true);
}

int Unpaced()
{
    var lines = Enumerable.Range(0, pairs).Select(i => new Line(document, Path.Combine(folder, $"rx{i}.tif"))).ToList();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    while (lines.Any(l => !l.Done))
        foreach (var line in lines.Where(l => !l.Done)) line.Step();
    wall.Stop();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

    var lineSeconds = lines.Sum(l => l.Frames) * 0.02;
    var tx = lines.Sum(l => l.TransmitterTicks) / 1e9; // thread CPU time, so other processes on a shared machine do not count
    var rx = lines.Sum(l => l.ReceiverTicks) / 1e9;
    foreach (var line in lines.Take(3)) Console.WriteLine($"  {line.Result}");
    Console.WriteLine($"line time {lineSeconds:F0} s in {wall.Elapsed.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU ({lineSeconds / cpu.TotalSeconds:F0}x real time on one core)");
    Console.WriteLine($"transmitter (what the server runs): {tx / lineSeconds * 100:F3} % of a core per fax");
    Console.WriteLine($"receiver:                           {rx / lineSeconds * 100:F3} % of a core per fax");
    Console.WriteLine($"both sides + G.711 + loop:          {cpu.TotalSeconds / lineSeconds * 100:F3} % of a core per fax pair");
    return lines.All(l => l.Succeeded) ? 0 : 1;
}

int Paced()
{
    var lines = Enumerable.Range(0, pairs).Select(i => new Line(document, Path.Combine(folder, $"rx{i}.tif"))).ToList();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    var next = TimeSpan.Zero;
    var late = 0;
    while (wall.Elapsed < TimeSpan.FromSeconds(seconds))
    {
        foreach (var line in lines)
            if (!line.Done) line.Step();
        next += TimeSpan.FromMilliseconds(20);
        var wait = next - wall.Elapsed;
        if (wait > TimeSpan.Zero) Thread.Sleep(wait);
        else late++;
    }

    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var share = cpu.TotalSeconds / wall.Elapsed.TotalSeconds * 100;
    Console.WriteLine($"{wall.Elapsed.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F2} s CPU: {share:F2} % of a core for {pairs} pairs = {share / pairs:F3} % per pair (both sides); {late} late ticks; {lines.Count(l => l.Done)} finished");
    return 0;
}

int Option(string name, int fallback) => OptionText(name) is { } text ? int.Parse(text) : fallback;

string? OptionText(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

static string Root()
{
    for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        if (File.Exists(Path.Combine(dir, "Ivr.sln"))) return dir;
    return ".";
}

/// <summary>One transmitter and one receiver, a G.711 µ-law line between them.</summary>
internal sealed class Line
{
    private readonly FaxTransmitter _transmitter;
    private readonly FaxReceiver _receiver;
    private readonly short[] _frame = new short[160];
    private readonly short[] _heard = new short[160];
    private readonly byte[] _codes = new byte[160];

    public Line(string document, string received)
    {
        _transmitter = new FaxTransmitter(document, new FaxSessionOptions());
        _receiver = new FaxReceiver(received, new FaxSessionOptions());
    }

    public long Frames { get; private set; }

    public long TransmitterTicks { get; private set; }

    public long ReceiverTicks { get; private set; }

    public bool Done => (_transmitter.IsFinished && _receiver.IsFinished) || Frames > 15_000; // 5 minutes of line

    public bool Succeeded => _transmitter.Result?.Succeeded == true;

    public string Result => $"{_transmitter.Result} after {Frames * 0.02:F1} s of line";

    public void Step()
    {
        var start = ThreadCpu.Nanoseconds();
        _transmitter.Transmit(_frame);
        var afterTx = ThreadCpu.Nanoseconds();
        Carry();
        var beforeRx = ThreadCpu.Nanoseconds();
        _receiver.Receive(_heard);
        _receiver.Transmit(_frame);
        var afterRx = ThreadCpu.Nanoseconds();
        Carry();
        var beforeTx = ThreadCpu.Nanoseconds();
        _transmitter.Receive(_heard);
        var end = ThreadCpu.Nanoseconds();
        TransmitterTicks += (afterTx - start) + (end - beforeTx);
        ReceiverTicks += afterRx - beforeRx;
        Frames++;
    }

    private void Carry()
    {
        MuLaw.Encode(_frame, _codes);
        MuLaw.Decode(_codes, _heard);
    }
}

/// <summary>This thread's CPU time (clock_gettime CLOCK_THREAD_CPUTIME_ID): time taken by other processes does not count.</summary>
internal static unsafe partial class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    public static long Nanoseconds()
    {
        long* spec = stackalloc long[2];
        ClockGetTime(ClockThreadCpuTime, spec);
        return (spec[0] * 1_000_000_000L) + spec[1];
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, long* spec);
}
