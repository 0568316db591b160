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
    // Each suspension of the runtime belongs to the collection that started inside it; one in which none started is a
    // background gen2's final pause (its first is the one it started in). A foreground gen0/gen1 may start while a
    // background gen2 runs, so collections are kept by number, not as one open line.
    using var source = new EventPipeEventSource(path);
    var gcs = new SortedDictionary<int, Collection>();
    double? suspendedAt = null;
    Collection? startedInSuspension = null, background = null, lastEnded = null;
    source.Clr.GCSuspendEEStart += e => (suspendedAt, startedInSuspension) = (e.TimeStampRelativeMSec, null);
    source.Clr.GCStart += e =>
    {
        var gc = gcs[e.Count] = new Collection($"{e.TimeStampRelativeMSec,9:F0} ms  #{e.Count,-4} gen{e.Depth} {e.Reason,-16} {e.Type,-20}");
        startedInSuspension = gc;
        if (e.Type == GCType.BackgroundGC) background = gc;
    };
    source.Clr.GCStop += e =>
    {
        lastEnded = gcs.GetValueOrDefault(e.Count);
        if (background is { } bgc && ReferenceEquals(bgc, lastEnded)) background = null;
    };
    source.Clr.GCHeapStats += e =>
    {
        if (lastEnded is not { } gc) return;
        gc.After = $" after: gen0 {e.GenerationSize0 / 1e6,5:F1} gen1 {e.GenerationSize1 / 1e6,5:F1} gen2 {e.GenerationSize2 / 1e6,5:F1} MB; promoted from gen0 {e.TotalPromotedSize0 / 1e6,5:F1}, gen1 {e.TotalPromotedSize1 / 1e6,5:F1} MB";
        lastEnded = null;
    };
    source.Clr.GCRestartEEStop += e =>
    {
        if (suspendedAt is not { } at) return;
        (startedInSuspension ?? background ?? lastEnded)?.Pauses.Add(e.TimeStampRelativeMSec - at);
        suspendedAt = null;
    };
    source.Process();
    Console.WriteLine(gcs.Count == 0 ? "no collection in the trace" : string.Join('\n', gcs.Values.Select(gc => gc.Line)));
    return 0;
}

/// <summary>One collection of a trace: its start line, the heap after it, the runtime's suspensions for it (a background
/// gen2 has two: the one it starts in and its final one).</summary>
sealed class Collection(string start)
{
    public string After { get; set; } = "";

    public List<double> Pauses { get; } = [];

    public string Line => $"{start}{After}; suspended {(Pauses.Count == 0 ? "?" : string.Join(" + ", Pauses.Select(p => p.ToString("F1", System.Globalization.CultureInfo.InvariantCulture))))} ms";
}
