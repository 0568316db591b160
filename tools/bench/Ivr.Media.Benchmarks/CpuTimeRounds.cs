using System.Diagnostics;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// Times cases by the CPU time the process used rather than by the wall clock, so that a machine shared with other
/// work (preemption) does not blur the comparison: each case runs <c>count</c> times per round, the cases take turns,
/// and the best round of each counts. Returns nanoseconds per run, by case name.
/// </summary>
internal static class CpuTimeRounds
{
    public static Dictionary<string, double> Best<T>(IReadOnlyList<(string Name, Func<T> Run)> cases, int rounds, int count)
    {
        var best = cases.ToDictionary(c => c.Name, _ => double.MaxValue);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, run) in cases)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < count; i++) run();
                var used = Process.GetCurrentProcess().TotalProcessorTime - before;
                best[name] = Math.Min(best[name], used.TotalNanoseconds / count);
            }
        }

        return best;
    }
}
