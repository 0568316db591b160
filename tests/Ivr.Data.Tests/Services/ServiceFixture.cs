using Ivr.Core.Lookups;
using Ivr.Data.Appraisals;
using Ivr.Data.Cards;
using Ivr.Data.Contributions;
using Ivr.Data.Pensions;
using Ivr.Data.People;
using Ivr.Data.Security;
using Ivr.Data.Services;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Services;

/// <summary>A temp database with two known people, a fake clock (Monday 2026-11-23 10:00 China
/// time) and the service under test, hashing at a low recorded count.</summary>
public sealed class ServiceFixture : IDisposable
{
    public const string RetireeId = "11010519491231002X";
    public const string RetireePin = "740258";
    public const string RetireeCard = "110000000001";
    public const string RetireeSerial = "1000000001";
    public const string WorkerId = "330106198001010048";
    public const string WorkerPin = "135790";
    public const string WorkerCard = "110000000002";
    public const string WorkerSerial = "1000000002";
    public const string AppraisalNumber = "2025000123";

    private readonly TestDatabase _file;

    public ServiceFixture(TestDatabase file)
    {
        _file = file;
        Database = _file.Open();
        Hasher = new PinHasher(100);
        Service = new ServiceLookupService(Database, Time, pinHasher: Hasher, log: Log.Add, hashKey: HashKey);
        SeedAsync().GetAwaiter().GetResult();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)));

    public IvrDatabase Database { get; }

    public PinHasher Hasher { get; }

    /// <summary>The database's hash key (<see cref="TestDatabase.HashKey"/>): a restarted server or another node uses it too.</summary>
    public HashKey HashKey => _file.HashKey;

    public ServiceLookupService Service { get; }

    public List<string> Log { get; } = [];

    public Task<LookupResult> RunAsync(string operation, params (string Name, string Value)[] inputs)
    {
        var map = new Dictionary<string, string> { ["call_id"] = "call-1", ["caller"] = "13012345273" };
        foreach (var (name, value) in inputs) map[name] = value;
        return Service.ExecuteAsync(operation, map, CancellationToken.None).AsTask();
    }

    /// <summary>The same database opened anew, as a restarted server (or another node) would.</summary>
    public IvrDatabase Reopen() => _file.Open();

    public void Dispose() => _file.Dispose();

    private async Task SeedAsync()
    {
        var ct = CancellationToken.None;
        using var connection = Database.OpenConnection();
        var people = new PersonRepository(connection);
        await people.InsertAsync(new Person(RetireeId, "张建国", "110105", new DateOnly(1949, 12, 31), Hasher.Hash(RetireePin)), ct);
        await people.InsertAsync(new Person(WorkerId, "李秀英", "330106", new DateOnly(1980, 1, 1), Hasher.Hash(WorkerPin)), ct);
        var cards = new CardRepository(connection);
        await cards.InsertAsync(new Card(RetireeCard, RetireeSerial, RetireeId, CardStatus.Active), ct);
        await cards.InsertAsync(new Card(WorkerCard, WorkerSerial, WorkerId, CardStatus.Active), ct);
        await new PensionRepository(connection).InsertAsync(new Pension(RetireeId, 325650, "2026-10", 1234505, 35), ct);
        var contributions = new ContributionRepository(connection);
        await contributions.InsertAsync(new ContributionRecord(RetireeId, "2009-12", 420, 88000, 0), ct);
        await contributions.InsertAsync(new ContributionRecord(WorkerId, "2026-09", 250, 456789, 123400), ct);
        await new AppraisalRepository(connection).InsertAsync(new Appraisal(AppraisalNumber, WorkerId, "因工致残，劳动功能障碍", "七级"), ct);
    }
}
