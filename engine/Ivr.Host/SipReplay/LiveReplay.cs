using System.Diagnostics;
using Ivr.Flows.Model;
using Ivr.Runtime.Replay;

namespace Ivr.Host.SipReplay;

/// <summary>
/// <c>ivr replay --target</c>: reads the scripts, skips (with the reason) those a live server cannot
/// stage, runs the others as real calls — those that change the demo data last, one at a time — and
/// ends with <c>N passed, M failed, K skipped</c>.
/// </summary>
public static class LiveReplay
{
    public static async Task<int> RunAsync(SipTarget target, IReadOnlyList<string> files, FlowSet set, string database, LiveReplayOptions options,
        bool resetDemo, string? junit, TextWriter output, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        var results = new ReplayResult?[files.Count];
        var scripts = new ReplayScript?[files.Count];
        var shared = new List<int>();
        var changing = new List<int>();
        var skipped = 0;
        for (var i = 0; i < files.Count; i++)
        {
            try
            {
                scripts[i] = ReplayScriptReader.Read(files[i]);
            }
            catch (ReplayScriptException ex)
            {
                results[i] = new ReplayResult(new ReplayScript { Path = files[i], Name = Path.GetFileNameWithoutExtension(files[i]), Steps = [] }, ex.Message, [], null, TimeSpan.Zero);
                output.WriteLine($"FAIL {ex.Message}");
                continue;
            }

            if (LiveReplaySkips.Reason(scripts[i]!) is { } reason)
            {
                skipped++;
                output.WriteLine($"SKIP {files[i]}: {reason}");
            }
            else if (DemoDataChanges.Changes(scripts[i]!))
            {
                changing.Add(i);
            }
            else
            {
                shared.Add(i);
            }
        }

        if (resetDemo && changing.Count + shared.Count > 0) DemoDataChanges.Reset(database);
        await using (var runner = LiveReplayRunner.Start(target, set, database, options))
        {
            if (!runner.RealTimePacing) Console.Error.WriteLine("replay: no real-time priority for the callers' RTP pacing (needs CAP_SYS_NICE); on a busy machine their keys and audio may jitter");
            await Parallel.ForEachAsync(shared, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallel), CancellationToken = cancellation },
                (i, _) =>
                {
                    Report(i, runner.Run(scripts[i]!));
                    return ValueTask.CompletedTask;
                });
            foreach (var i in changing)
            {
                cancellation.ThrowIfCancellationRequested();
                Report(i, runner.Run(scripts[i]!));
                if (resetDemo) DemoDataChanges.Reset(database);
            }
        }

        var ran = results.OfType<ReplayResult>().ToList();
        if (junit is not null) JUnitReport.Write(junit, ran);
        var passed = ran.Count(r => r.Passed);
        Console.Error.WriteLine($"replayed {ran.Count} scripts over SIP to {target} in {watch.Elapsed.TotalSeconds:0.0} s ({(ran.Count == 0 ? 0 : ran.Count / watch.Elapsed.TotalSeconds):0.00} scripts/s, {Math.Max(1, options.Parallel)} at once)");
        output.WriteLine($"{passed} passed, {ran.Count - passed} failed, {skipped} skipped");
        return passed == ran.Count ? 0 : 1;

        void Report(int index, ReplayResult result)
        {
            results[index] = result;
            lock (output) output.WriteLine(result.Passed ? $"PASS {files[index]} ({result.CallLength.TotalSeconds:0.0} s)" : $"FAIL {result.Failure}");
        }
    }
}
