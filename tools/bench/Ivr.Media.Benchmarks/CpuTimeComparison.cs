using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// The same benchmark methods timed by the CPU time the process used (<see cref="CpuTimeRounds"/>): each method runs
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
        var best = CpuTimeRounds.Best(methods, rounds, frames);

        output.WriteLine($"CPU time per 160-sample frame, best of {rounds} rounds of {frames:N0} frames:");
        foreach (var (name, _) in methods) output.WriteLine($"  {name,-20} {best[name],7:F1} ns");
    }
}
