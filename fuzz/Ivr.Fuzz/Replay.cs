using System.Diagnostics;
using Ivr.Fuzz.Targets;

namespace Ivr.Fuzz;

/// <summary>Runs saved inputs once each and reports any that throw or take longer than <see cref="SlowLimit"/>
/// (wall time, so generous: a loaded 2-core test machine stretched a 20 ms input past 2 s; a real hang never ends).</summary>
public static class Replay
{
    public static readonly TimeSpan SlowLimit = TimeSpan.FromSeconds(10);

    public static int Run(IFuzzTarget target, IEnumerable<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal).ToList();
        var findings = 0;
        foreach (var file in files)
        {
            if (Check(target, File.ReadAllBytes(file)) is not { } problem) continue;
            findings++;
            Console.WriteLine($"{file}: {problem}");
        }

        Console.WriteLine($"{target.Name}: {files.Count} inputs replayed, {findings} findings");
        return findings == 0 ? 0 : 1;
    }

    /// <returns>What went wrong with this input, or null.</returns>
    public static string? Check(IFuzzTarget target, byte[] input)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            target.Run(input);
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}";
        }

        return clock.Elapsed > SlowLimit ? $"took {clock.Elapsed.TotalSeconds:0.0} s" : null;
    }
}
