using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Ivr.GcTrace allocations TRACE[,TRACE...] [frames] [top] [fromMs] [toMs]
//   what the AllocationTick samples of gc-verbose traces (one per ~100 KB allocated) say: bytes by type, then by the
//   type and its first frames in Ivr code; only samples between fromMs and toMs of each trace.
// Ivr.GcTrace collections TRACE
//   every collection of a gc-collect trace: when, generation, reason, the generations' sizes after it, the bytes it
//   promoted out of gen0 and gen1, and how long the runtime was suspended for it.
return args switch
{
    ["allocations", var paths, .. var rest] => Allocations(paths.Split(','), Arg(rest, 0, 6), Arg(rest, 1, 40), Arg(rest, 2, 0), Arg(rest, 3, double.MaxValue)),
    ["collections", var path] => Collections(path),
    _ => Usage(),
};

static T Arg<T>(string[] rest, int index, T fallback) where T : IParsable<T>
    => rest.Length > index ? T.Parse(rest[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;

static int Usage()
{
    Console.Error.WriteLine("usage: Ivr.GcTrace allocations TRACE[,TRACE...] [frames] [top] [fromMs] [toMs] | Ivr.GcTrace collections TRACE");
    return 2;
}

static int Allocations(string[] paths, int depth, int top, double fromMs, double toMs)
{
    var byType = new Dictionary<string, long>();
    var byStack = new Dictionary<string, long>();
    long total = 0;
    foreach (var path in paths)
    {
        using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(path));
        foreach (var e in log.Events)
        {
            if (e is not GCAllocationTickTraceData tick || e.TimeStampRelativeMSec < fromMs || e.TimeStampRelativeMSec > toMs) continue;
            total += tick.AllocationAmount64;
            byType[tick.TypeName] = byType.GetValueOrDefault(tick.TypeName) + tick.AllocationAmount64;
            var key = tick.TypeName + "\n      " + string.Join("\n      ", Frames(e.CallStack(), depth));
            byStack[key] = byStack.GetValueOrDefault(key) + tick.AllocationAmount64;
        }
    }

    Console.WriteLine($"sampled {total / 1e6:F1} MB");
    foreach (var (type, bytes) in byType.OrderByDescending(p => p.Value).Take(top)) Console.WriteLine($"{bytes / 1e6,8:F1} MB {100.0 * bytes / total,5:F1} % {type}");
    Console.WriteLine();
    foreach (var (stack, bytes) in byStack.OrderByDescending(p => p.Value).Take(top)) Console.WriteLine($"{bytes / 1e6,8:F1} MB {100.0 * bytes / total,5:F1} % {stack}");
    return 0;
}

// The allocating frame, then the frames in Ivr code (the runtime's and libraries' own left out after the first two).
static List<string> Frames(TraceCallStack? stack, int depth)
{
    var frames = new List<string>();
    for (var s = stack; s is not null && frames.Count < depth; s = s.Caller)
    {
        var method = s.CodeAddress.FullMethodName;
        if (string.IsNullOrEmpty(method)) continue;
        if (frames.Count < 2 || method.Contains("Ivr.", StringComparison.Ordinal)) frames.Add(method.Length > 110 ? method[..110] : method);
    }

    return frames;
}

static int Collections(string path)
{
    using var source = new EventPipeEventSource(path);
    double? suspendedAt = null;
    (string Line, double SuspendedAt)? open = null;
    var lines = new List<string>();
    source.Clr.GCSuspendEEStart += e => suspendedAt = e.TimeStampRelativeMSec;
    source.Clr.GCStart += e => open = ($"{e.TimeStampRelativeMSec,9:F0} ms  #{e.Count,-4} gen{e.Depth} {e.Reason,-16} {e.Type,-20}", suspendedAt ?? e.TimeStampRelativeMSec);
    source.Clr.GCHeapStats += e =>
    {
        if (open is { } gc)
            open = ($"{gc.Line} after: gen0 {e.GenerationSize0 / 1e6,5:F1} gen1 {e.GenerationSize1 / 1e6,5:F1} gen2 {e.GenerationSize2 / 1e6,5:F1} MB; promoted from gen0 {e.TotalPromotedSize0 / 1e6,5:F1}, gen1 {e.TotalPromotedSize1 / 1e6,5:F1} MB", gc.SuspendedAt);
    };
    source.Clr.GCRestartEEStop += e =>
    {
        if (open is not { } gc) return;
        lines.Add($"{gc.Line}; suspended {e.TimeStampRelativeMSec - gc.SuspendedAt,6:F1} ms");
        open = null;
    };
    source.Process();
    Console.WriteLine(lines.Count == 0 ? "no collection in the trace" : string.Join('\n', lines));
    return 0;
}
