using System.Collections.Concurrent;
using System.Diagnostics;
using Ivr.Core.Calls;
using Ivr.Data;
using Ivr.Data.Calls;
using Ivr.Flows.Loading;
using Ivr.Host.Commands;

namespace Ivr.ConsoleScale;

/// <summary>
/// Seeds N synthetic calls into DATA/ivr.db (or --database URL) for tools/bench/console-scale: each call is the
/// event sequence of a replay script of tests/replay (run against the demo back end), moved to a random time of
/// the last --days days (busier in office hours), with its own caller number and call id, on one of three flow
/// versions by age; one call in six answers the survey. Calls are written newest month first, each month in time order,
/// thousands per transaction, through one bulk connection (<see cref="CallImport"/>: each ended call one row with its path, its rollups added up
/// in memory with the recorder's arithmetic). Usage: Ivr.ConsoleScale --calls N (--data DIR | --database URL) [--days 365]
/// </summary>
public static class Program
{
    private const int Batch = 2000;
    private static readonly int[] HourWeights = [1, 1, 1, 1, 1, 2, 4, 8, 16, 20, 20, 18, 12, 16, 20, 20, 18, 14, 10, 8, 6, 4, 2, 1];

    public static async Task<int> Main(string[] args)
    {
        var calls = int.Parse(Arg(args, "--calls") ?? "300000");
        var days = int.Parse(Arg(args, "--days") ?? "365");
        var sqlite = Path.Combine(Arg(args, "--data") ?? "data", "ivr.db");
        var loaded = FlowSetLoader.Load("flows", Path.Combine("prompts", "zh-CN"), KnownOperations.All);
        if (!loaded.Succeeded)
        {
            foreach (var d in loaded.Errors) Console.Error.WriteLine(d);
            return 1;
        }

        var templates = await CallTemplates.RecordAsync(loaded.Set!, "tests/replay");
        Console.WriteLine($"{templates.Count} call templates from tests/replay, {templates.Average(t => t.Events.Count):F1} events each on average");
        var database = IvrDatabase.Open(Arg(args, "--database"), sqlite);
        var versions = new[] { loaded.Set!.Version, "benchv000002", "benchv000001" };
        var random = new Random(12333);
        var now = DateTimeOffset.UtcNow;
        var hourTotal = HourWeights.Sum();
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var plan = Plan(calls, days, templates.Count, now, random, hourTotal);
        long events = 0;
        var writing = TimeSpan.Zero;
        using var batches = new BlockingCollection<List<ImportedCall>>(boundedCapacity: 2);
        var making = Task.Run(() =>
        {
            try
            {
                foreach (var batch in Batches(plan, templates, versions, random))
                {
                    batches.Add(batch);
                    Interlocked.Add(ref events, batch.Sum(c => (long)c.Events.Count));
                }
            }
            finally
            {
                batches.CompleteAdding();
            }
        });
        var writerCpu = ThreadCpu();
        using (var import = CallImport.Open(database, "bench-node"))
        {
            var written = 0;
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                var started = Stopwatch.GetTimestamp();
                import.Write(batch);
                writing += Stopwatch.GetElapsedTime(started);
                if ((written + batch.Count) / 100_000 > written / 100_000)
                    Console.WriteLine($"  {written + batch.Count:N0} calls, {clock.Elapsed.TotalSeconds:F0} s");
                written += batch.Count;
            }
        }
        writerCpu = ThreadCpu() - writerCpu;
        await making;

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine($"seeded {calls:N0} calls ({events:N0} events) in {clock.Elapsed.TotalSeconds:F1} s: {calls / clock.Elapsed.TotalSeconds:N0} calls/s, {events / clock.Elapsed.TotalSeconds:N0} events/s; {writing.TotalSeconds:F1} s of it writing (the calls are made on another thread meanwhile)");
        Console.WriteLine($"seeder CPU {cpu.TotalSeconds:F1} s ({calls / cpu.TotalSeconds:N0} calls per CPU-second), of it the writing thread {writerCpu.TotalSeconds:F1} s ({calls / writerCpu.TotalSeconds:N0} calls, {events / writerCpu.TotalSeconds:N0} events per CPU-second of the writer); load average {File.ReadAllText("/proc/loadavg")[..14]}");
        return 0;
    }

    /// <summary>The calls of <paramref name="plan"/>, <see cref="Batch"/> at a time: each a template's events moved to its start.</summary>
    private static IEnumerable<List<ImportedCall>> Batches((DateTimeOffset Start, int Day, int Template)[] plan, IReadOnlyList<CallTemplate> templates, string[] versions, Random random)
    {
        var batch = new List<ImportedCall>(Batch);
        for (var i = 0; i < plan.Length; i++)
        {
            var (start, day, pick) = plan[i];
            var template = templates[pick];
            var version = versions[Math.Min(2, day / 120)];
            var id = $"bench-{i:D8}@scale";
            var origin = template.Events[0].At;
            var recorded = template.Events.Select(e => e with { CallId = id, At = start + (e.At - origin), FlowVersion = version }).ToList();
            var end = start + template.Length;
            var caller = $"13{random.NextInt64(100_000_000, 999_999_999)}";
            ImportedSurvey[] survey = random.Next(6) == 0 ? [new ImportedSurvey(1 + random.Next(3), end)] : [];
            batch.Add(new ImportedCall(new CallStart(id, caller, "12333", version, "main", start), recorded, end, template.Disposition, survey));
            if (batch.Count < Batch && i < plan.Length - 1) continue;
            yield return batch;
            batch = new List<ImportedCall>(Batch);
        }
    }

    /// <summary>Each call's start (a random time of the last <paramref name="days"/> days, busier in office hours), its
    /// day back from today and its template: the newest month (UTC+8) first, each month whole and in time order, so a run
    /// stopped half-way leaves the recent months complete; ids ascend in writing order.</summary>
    private static (DateTimeOffset Start, int Day, int Template)[] Plan(int calls, int days, int templates, DateTimeOffset now, Random random, int hourTotal)
    {
        var plan = new (DateTimeOffset Start, int Day, int Template)[calls];
        var today = new DateTimeOffset(now.ToOffset(TimeSpan.FromHours(8)).Date, TimeSpan.FromHours(8));
        for (var i = 0; i < calls; i++)
        {
            var day = random.Next(days);
            var start = today.AddDays(-day).AddHours(PickHour(random, hourTotal)).AddSeconds(random.Next(3600));
            if (start > now) start = now.AddSeconds(-random.Next(1, 3600));
            plan[i] = (start, day, random.Next(templates));
        }
        static int Month(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)) is var local ? local.Year * 12 + local.Month : 0;
        Array.Sort(plan, (a, b) => Month(b.Start).CompareTo(Month(a.Start)) is var byMonth and not 0 ? byMonth : a.Start.CompareTo(b.Start));
        return plan;
    }

    private static int PickHour(Random random, int total)
    {
        var pick = random.Next(total);
        for (var hour = 0; hour < HourWeights.Length; hour++)
            if ((pick -= HourWeights[hour]) < 0) return hour;
        return 12;
    }

    /// <summary>The CPU time of the calling thread so far (user + system, from /proc/thread-self/stat).</summary>
    private static TimeSpan ThreadCpu()
    {
        var fields = File.ReadAllText("/proc/thread-self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0); // utime, stime in clock ticks (USER_HZ = 100)
    }

    private static string? Arg(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
