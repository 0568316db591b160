using System.Globalization;
using Ivr.Flows.Loading;
using Ivr.Host.Hosting;
using Ivr.Host.SipReplay;
using Ivr.Runtime.Replay;

namespace Ivr.Host.Commands;

public sealed class ReplayCommand : CommandBase
{
    public override string Name => "replay";

    public override string Summary => "run replay scripts against the flows on a virtual clock, or over SIP against a live server";

    public override string Usage => $"""
        usage: ivr replay [--coverage] [--min-coverage PCT] [--junit FILE] PATH...
               ivr replay --target sip:12333@HOST:PORT [--db FILE] [--parallel N] [--reset-demo] [--junit FILE] PATH...

        Runs each replay script (a .yaml file, or every script in a folder, recursively) as a
        simulated call on a virtual clock, against a fresh demo database. Prints the first
        divergence of each failing script and ends with the line 'N passed, M failed'.
        Exit 0 when every script passed (and coverage reached --min-coverage).

          --coverage          also print 'coverage: nodes X/Y, edges A/B' and a table per flow
          --min-coverage PCT  fail when nodes+edges covered are below PCT percent (implies --coverage)
          --junit FILE        write JUnit XML for CI
          --show-missed       with --coverage, list the nodes and edges never exercised

        With --target, each script is a real call to a live server (ivr serve): SIP with PCMU and
        RFC 4733 keys at the script's timings, speech-like audio where the caller records, a BYE
        where the caller hangs up; the server's recorded call events (its database, found by the
        SIP Call-ID) are checked as the simulated replay checks them. Scripts a live server cannot
        stage (lookup stubs, agents, flow variables, another date) are skipped with the reason;
        the closing line is then 'N passed, M failed, K skipped'.

          --target URI        the server, sip:12333@IP:PORT (the user part is replaced by a script's dialled:)
          --db FILE           the server's database (default: DATA/ivr.db, as ivr serve uses)
          --parallel N        calls at once (default 1); scripts that change the demo data run last, one at a time
          --reset-demo        the server runs on a demo database: seed the demo identities afresh before the
                              run and after each script that changes them (refused on any other database)
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "junit", "min-coverage", "target", "db", "parallel"];

    protected override IReadOnlyCollection<string> Switches => ["coverage", "show-missed", "reset-demo"];

    protected override async Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        if (line.Positional.Count == 0) throw new UsageException("name at least one script or folder");
        var minimum = line.Get("min-coverage") is { } m
            ? double.TryParse(m, CultureInfo.InvariantCulture, out var pct) && pct is >= 0 and <= 100 ? pct : throw new UsageException("--min-coverage takes a percentage from 0 to 100")
            : (double?)null;
        var scripts = ScriptFiles.Find(line.Positional);
        if (scripts.Count == 0)
        {
            Console.Error.WriteLine("no replay scripts found");
            return 1;
        }

        var paths = IvrPaths.From(line);
        var loaded = FlowSetLoader.Load(paths.Flows, paths.Prompts, KnownOperations.All);
        if (!loaded.Succeeded)
        {
            foreach (var d in loaded.Errors) Console.Error.WriteLine(d);
            Console.Error.WriteLine("the flows do not load; fix them first (ivr validate)");
            return 1;
        }

        if (line.Get("target") is { } target)
        {
            if (line.Has("coverage") || minimum is not null) throw new UsageException("--coverage is for simulated replays; a live replay checks the server's events");
            SipTarget sip;
            try
            {
                sip = SipTarget.Parse(target);
            }
            catch (FormatException ex)
            {
                throw new UsageException(ex.Message);
            }

            var options = new LiveReplayOptions { Parallel = line.GetInt("parallel", 1, 1, 256) };
            return await LiveReplay.RunAsync(sip, scripts, loaded.Set!, line.Get("db") ?? paths.Database, options, line.Has("reset-demo"), line.Get("junit"), Console.Out, cancellation);
        }

        if (line.Get("db") is not null || line.Get("parallel") is not null || line.Has("reset-demo")) throw new UsageException("--db, --parallel and --reset-demo go with --target");
        await using var backend = await DemoBackend.CreateAsync(loaded.Set!, cancellation);
        var runner = new ReplayRunner(loaded.Set!, backend.Lookups);
        var coverage = new FlowCoverage(loaded.Set!);
        var results = ReplaySuite.Run(runner, coverage, scripts, result => Console.WriteLine(result.Passed ? $"PASS {result.Script.Path}" : $"FAIL {result.Failure}"));
        if (line.Get("junit") is { } junit) JUnitReport.Write(junit, results);
        var passed = results.Count(r => r.Passed);
        var ok = passed == results.Count;
        if (line.Has("coverage") || minimum is not null) ok &= CoverageTable.Print(coverage, minimum, line.Has("show-missed"));
        Console.WriteLine($"{passed} passed, {results.Count - passed} failed");
        return ok ? 0 : 1;
    }
}
