using System.Diagnostics;
using Ivr.Flows.Loading;
using Ivr.Host.Commands;
using Ivr.Host.Hosting;
using Ivr.Runtime.Replay;

namespace Ivr.Bench;

/// <summary>
/// Simulated calls per second through the shipped flows on one core, and bytes allocated per call.
/// Every replay script of tests/replay is run once against the real demo back end to record its
/// lookups; the measured runs then answer those lookups from the recording, so the figure is the
/// engine's (call state machine, simulated channel, virtual clock, event recording), not SQLite's.
/// Prints each run and the median. Usage: Ivr.Bench [--seconds S] [--runs N] [--warmup N] [scripts folder]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var seconds = ArgValue(args, "--seconds", 3.0);
        var runs = (int)ArgValue(args, "--runs", 5);
        var warmups = (int)ArgValue(args, "--warmup", 2);
        var folder = args.LastOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !double.TryParse(a, out _)) ?? "tests/replay";
        var loaded = FlowSetLoader.Load("flows", Path.Combine("prompts", "zh-CN"), KnownOperations.All);
        if (!loaded.Succeeded)
        {
            foreach (var d in loaded.Errors) Console.Error.WriteLine(d);
            return 1;
        }

        var set = loaded.Set!;
        var scripts = new List<ReplayScript>();
        await using (var backend = await DemoBackend.CreateAsync(set, CancellationToken.None))
        {
            foreach (var file in ScriptFiles.Find([folder]))
            {
                var script = ReplayScriptReader.Read(file);
                RecordingLookupService? recording = null;
                var result = new ReplayRunner(set, time => recording = new RecordingLookupService(backend.Lookups(time))).Run(script);
                if (!result.Passed) continue;
                var stubs = new Dictionary<string, IReadOnlyList<LookupStub>>(script.Lookups, StringComparer.Ordinal);
                foreach (var (op, answers) in recording?.Answers ?? [])
                    if (!stubs.ContainsKey(op)) stubs[op] = answers;
                scripts.Add(script with { Lookups = stubs });
            }
        }

        if (scripts.Count == 0)
        {
            Console.Error.WriteLine($"no passing replay scripts under {folder}");
            return 1;
        }

        var runner = new ReplayRunner(set);
        foreach (var script in scripts)
            if (!runner.Run(script).Passed) throw new InvalidOperationException($"{script.Path} does not pass on recorded lookups");
        Console.WriteLine($"flow version {set.Version}: {scripts.Count} scripts (every path of tests/replay), {set.AllNodes.Count()} nodes; one thread");

        var rates = new List<double>();
        var bytes = new List<double>();
        for (var run = 1 - warmups; run <= runs; run++)
        {
            var calls = 0L;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
                foreach (var script in scripts)
                {
                    runner.Run(script);
                    calls++;
                }

            var elapsed = clock.Elapsed.TotalSeconds;
            var perCall = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)calls;
            if (run <= 0) continue; // warm-up: JIT tiers and dynamic PGO settle
            rates.Add(calls / elapsed);
            bytes.Add(perCall);
            Console.WriteLine($"run {run}: {calls / elapsed,10:N0} calls/s  {perCall,10:N0} bytes allocated per call");
        }

        Console.WriteLine($"median: {Median(rates):N0} simulated calls/s on one core, {Median(bytes):N0} bytes allocated per call");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double ArgValue(string[] args, string name, double fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && double.TryParse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
