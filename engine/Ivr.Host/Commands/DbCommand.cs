using System.Diagnostics;
using Ivr.Data;
using Ivr.Data.Seeding;
using Ivr.Host.Cli;

namespace Ivr.Host.Commands;

public sealed class DbCommand : CommandBase
{
    public override string Name => "db";

    public override string Summary => "database: 'db migrate' or 'db seed [--people N]'";

    public override string Usage => $"""
        usage: ivr db migrate
               ivr db seed [--people N] [--seed S]

        migrate   creates the database (DATA/ivr.db) or applies pending migrations.
        seed      inserts the documented demo identities (README) and N synthetic people with
                  valid resident IDs, cards, pensions and contributions (default N = 1000).

          --people N       synthetic people to generate (0 .. 10,000,000)
          --seed S         random seed, for repeatable data (default 12333)
        {IvrPaths.Help}
        """;

    protected override IReadOnlyCollection<string> ValuedOptions => [.. IvrPaths.Options, "people", "seed"];

    protected override Task<int> RunAsync(CommandLine line, CancellationToken cancellation)
    {
        var paths = IvrPaths.From(line);
        Directory.CreateDirectory(paths.Data);
        switch (line.Positional.FirstOrDefault())
        {
            case "migrate":
                var database = paths.OpenDatabase();
                Console.WriteLine(database.AppliedNow.Count == 0
                    ? $"{database.Path}: schema is current"
                    : $"{database.Path}: applied migrations {string.Join(", ", database.AppliedNow)}");
                return Task.FromResult(0);
            case "seed":
                var people = line.GetInt("people", 1000, 0, 10_000_000);
                var seed = line.GetInt("seed", 12333);
                var clock = Stopwatch.StartNew();
                var seeded = paths.OpenDatabase();
                DemoSeeder.Seed(seeded, people, seed, SeedOptions.Today(TimeProvider.System));
                Console.WriteLine($"{seeded.Path}: demo identities and {people:N0} people seeded in {clock.Elapsed.TotalSeconds:0.0} s");
                return Task.FromResult(0);
            default:
                throw new UsageException("say 'migrate' or 'seed'");
        }
    }
}
