using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// The same benchmark methods timed by the CPU time the process used rather than by the wall clock, so that a
/// machine shared with other work (preemption) does not blur the comparison: each method runs
/// <paramref name="frames"/> frames per round, the methods take turns, and the best round of each is printed.
/// </summary>
internal static class CpuTimeComparison
{
    public static void Print(TextWriter output, int rounds = 7, int frames = 2_000_000)
    {
        var benchmarks = new G711FrameBenchmarks();
        benchmarks.Setup();
        var methods = typeof(G711FrameBenchmarks).GetMethods()
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => (m.Name, Run: m.CreateDelegate<Func<int>>(benchmarks)))
            .ToList();
        var best = methods.ToDictionary(m => m.Name, _ => double.MaxValue);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, run) in methods)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < frames; i++) run();
                var used = Process.GetCurrentProcess().TotalProcessorTime - before;
                best[name] = Math.Min(best[name], used.TotalNanoseconds / frames);
            }
        }

        output.WriteLine($"CPU time per 160-sample frame, best of {rounds} rounds of {frames:N0} frames:");
        foreach (var (name, _) in methods) output.WriteLine($"  {name,-20} {best[name],7:F1} ns");
    }
}
