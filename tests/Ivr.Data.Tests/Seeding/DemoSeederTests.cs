using Dapper;
using Ivr.Data.Security;
using Ivr.Data.Seeding;
using Ivr.Data.Services;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Seeding;

public abstract class DemoSeederTests : IDisposable
{
    private static readonly SeedOptions Fast = new(new DateOnly(2026, 11, 23), BulkPinIterations: 10, DemoPinIterations: 100, BatchSize: 700);
    private readonly TestDatabase _file;

    protected DemoSeederTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public void DemoIdentities_SixCoveringTheDemoCases()
    {
        var demo = DemoSeeder.DemoIdentities;

        Assert.Equal(6, demo.Count);
        Assert.Contains(demo, d => d.Id.EndsWith('X'));
        Assert.Contains(demo, d => d.Situation.Contains("arrears"));
        Assert.Contains(demo, d => d.Situation.Contains("lost"));
        Assert.Contains(demo, d => d.Situation.Contains("locked"));
        Assert.Contains(demo, d => d.Situation.Contains("not retired"));
        Assert.All(demo, d =>
        {
            Assert.Equal(ResidentIdGenerator.CheckCharacter(d.Id.AsSpan(0, 17)), d.Id[17]);
            Assert.Equal(PinWeakness.None, WeakPinPolicy.Check(d.Pin, d.Id));
            Assert.Matches("^[0-9]{12}$", d.CardNumber);
            Assert.Matches("^[0-9]{10}$", d.Serial);
        });
    }

    [SkippableFact]
    public void Seed_LeavesItsPooledConnectionWithEveryConnectionsSettings()
    {
        var database = _file.Open();
        DemoSeeder.Seed(database, 10, 42, Fast);
        Skip.If(database.Dialect != DatabaseDialect.Sqlite, "SQLite connection settings");

        using var connection = database.OpenConnection(); // the seeder's, from the pool
        Assert.Equal(2, connection.ExecuteScalar<long>("PRAGMA synchronous;")); // FULL: a commit is on disk when it returns
        Assert.Equal(-2000, connection.ExecuteScalar<long>("PRAGMA cache_size;"));
    }

    [SkippableFact]
    public void Seed_WritesValidUniquePeopleWithRows()
    {
        var report = DemoSeeder.Seed(_file.Location, 2000, 42, Fast);

        Assert.Equal((6, 2000), (report.DemoPeople, report.SyntheticPeople));
        using var connection = IvrDatabase.Open(_file.Location).OpenConnection();
        Assert.Equal(2006, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM people;"));
        Assert.Equal(2006, connection.ExecuteScalar<int>("SELECT COUNT(DISTINCT number) FROM cards WHERE length(number) = 12;"));
        Assert.Equal(2006, connection.ExecuteScalar<int>("SELECT COUNT(DISTINCT serial) FROM cards WHERE length(serial) = 10;"));
        Assert.Equal(2006, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM contributions;"));
        Assert.Equal(report.Pensions, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM pensions;"));
        Assert.Equal(report.Appraisals, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM appraisals;"));
        Assert.InRange(report.Pensions, 300, 1200);
        Assert.InRange(report.Appraisals, 10, 100);
        Assert.True(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM contributions WHERE arrears_fen > 0;") > 20);
        foreach (var (id, birth, hash) in connection.Query<(string, string, string)>("SELECT id, birth_date, pin_hash FROM people;"))
        {
            Assert.Equal(ResidentIdGenerator.CheckCharacter(id.AsSpan(0, 17)), id[17]);
            Assert.Equal(birth.Replace("-", ""), id.Substring(6, 8));
            Assert.InRange(DateOnly.Parse(birth), new DateOnly(1940, 1, 1), new DateOnly(2005, 12, 31));
            Assert.NotNull(PinHasher.IterationsOf(hash));
        }
        Assert.Equal(100, PinHasher.IterationsOf(connection.ExecuteScalar<string>("SELECT pin_hash FROM people WHERE id = '11010519491231002X';")));
    }

    [SkippableFact]
    public void Seed_SameSeed_SameDataAndReseedReplaces()
    {
        DemoSeeder.Seed(_file.Location, 500, 7, Fast);
        var first = Snapshot();

        DemoSeeder.Seed(_file.Location, 500, 7, Fast);
        var second = Snapshot();
        DemoSeeder.Seed(_file.Location, 500, 8, Fast);
        var other = Snapshot();

        Assert.Equal(506, first.Count);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [SkippableFact]
    public async Task Seed_DemoIdentitiesAnswerAsDocumented()
    {
        DemoSeeder.Seed(_file.Location, 50, 1, Fast);
        var service = new ServiceLookupService(IvrDatabase.Open(_file.Location), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8))));
        var d = DemoSeeder.DemoIdentities;

        Assert.Equal("ok", (await Run(service, "auth.verify_pin", ("id", d[0].Id), ("pin", d[0].Pin))).Outcome);
        Assert.Equal("3256.50", (await Run(service, "pension.summary", ("id", d[0].Id))).Outputs["monthly_amount"]);
        Assert.Equal("already_lost", (await Run(service, "card.report_loss", ("id", d[1].Id), ("pin", d[1].Pin))).Outcome);
        Assert.Equal("1234.00", (await Run(service, "contributions.summary", ("id", d[2].Id), ("number", d[2].Serial))).Outputs["arrears"]);
        Assert.Equal("locked", (await Run(service, "auth.verify_pin", ("id", d[3].Id), ("pin", d[3].Pin))).Outcome);
        Assert.Equal("未达级", (await Run(service, "appraisal.lookup", ("key", d[4].AppraisalNumber!))).Outputs["grade"]);
        Assert.Equal("not_found", (await Run(service, "pension.summary", ("id", d[5].Id))).Outcome);
    }

    private List<string> Snapshot()
    {
        using var connection = IvrDatabase.Open(_file.Location).OpenConnection();
        return connection.Query<string>("""
            SELECT p.id || p.name || p.region || c.number || c.serial || k.last_month || k.months || k.arrears_fen
                   || coalesce(CAST(n.monthly_fen AS TEXT), '') || coalesce(a.number, '')
            FROM people p JOIN cards c ON c.person_id = p.id JOIN contributions k ON k.person_id = p.id
            LEFT JOIN pensions n ON n.person_id = p.id LEFT JOIN appraisals a ON a.person_id = p.id
            ORDER BY p.id;
            """).ToList();
    }

    private static Task<Ivr.Core.Lookups.LookupResult> Run(ServiceLookupService service, string operation, params (string, string)[] inputs)
    {
        var map = inputs.ToDictionary(i => i.Item1, i => i.Item2);
        map["call_id"] = $"demo-{Guid.NewGuid():N}"; // each check its own call: one call may have only two IDs checked
        map["caller"] = "13012345273";
        return service.ExecuteAsync(operation, map, CancellationToken.None).AsTask();
    }

    public void Dispose() => _file.Dispose();
}

public sealed class DemoSeederOnSqliteTests() : DemoSeederTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class DemoSeederOnPostgresTests(PostgresServer server) : DemoSeederTests(server.NewDatabase());
