using Dapper;
using Ivr.Data.Security;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Security;

/// <summary><c>pin_lock_origins</c> (M020): counted per caller number (by key) and per source within the window, the first
/// lock and the masked IDs of one origin, nothing in clear — on SQLite and PostgreSQL.</summary>
public abstract class PinLockOriginStoreTests : IDisposable
{
    private const string Attacker = "13912345678";
    private const string Other = "13012345273";
    private const string IdA = "11010519491231002X";
    private const string IdB = "330106198001010048";
    private const string IdC = "440104197001010011";
    private readonly TestDatabase _file;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly IvrDatabase _database;

    protected PinLockOriginStoreTests(TestDatabase file)
    {
        _file = file;
        _database = file.Open();
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    [SkippableFact]
    public async Task Counts_DistinctIdsPerCallerAndPerSource_WithinTheWindow()
    {
        using var connection = _database.OpenConnection();
        var store = new PinLockOriginStore(connection);
        await store.AddAsync(Lock(Attacker, IdA, "198.51.100.7"), default);
        await store.AddAsync(Lock(Attacker, IdA, "198.51.100.7"), default); // the same ID locked again
        await store.AddAsync(Lock(Other, IdB, "198.51.100.7"), default);
        _time.Advance(TimeSpan.FromHours(2));
        await store.AddAsync(Lock(Attacker, IdC, null), default);

        var since = Now - TimeSpan.FromHours(24);
        Assert.Equal(2, await store.CountIdsOfCallerSinceAsync(PinCallerKey.Of(_file.HashKey, Attacker), since, default));
        Assert.Equal(1, await store.CountIdsOfCallerSinceAsync(PinCallerKey.Of(_file.HashKey, Other), since, default));
        Assert.Equal(2, await store.CountIdsOfSourceSinceAsync("198.51.100.7", since, default));
        Assert.Equal(1, await store.CountIdsOfCallerSinceAsync(PinCallerKey.Of(_file.HashKey, Attacker), Now - TimeSpan.FromHours(1), default));
        Assert.Equal(0, await store.CountIdsOfSourceSinceAsync("198.51.100.7", Now - TimeSpan.FromHours(1), default));
    }

    [SkippableFact]
    public async Task FirstLockAndMaskedIds_PerCallerAndPerSource_NewestFirst()
    {
        using var connection = _database.OpenConnection();
        var store = new PinLockOriginStore(connection);
        var first = Now;
        await store.AddAsync(Lock(Attacker, IdA, "198.51.100.7", "c-1"), default);
        _time.Advance(TimeSpan.FromMinutes(10));
        await store.AddAsync(Lock(Other, IdB, "198.51.100.7", "c-2"), default);
        _time.Advance(TimeSpan.FromMinutes(10));
        await store.AddAsync(Lock(Attacker, IdC, null, "c-3"), default);
        await store.AddAsync(Lock(Attacker, IdA, null, "c-4"), default);
        var caller = PinCallerKey.Of(_file.HashKey, Attacker);

        Assert.Equal(first, await store.FirstLockSinceAsync(PinAlarm.ByCaller, caller, first.AddHours(-24), default));
        Assert.Equal(Now, await store.FirstLockSinceAsync(PinAlarm.ByCaller, caller, first, default));
        Assert.Null(await store.FirstLockSinceAsync(PinAlarm.BySource, "198.51.100.7", first.AddMinutes(10), default));
        Assert.Equal(["110105********002X", "440104********0011"], await store.IdsMaskedAsync(PinAlarm.ByCaller, caller, first, Now, default));
        Assert.Empty(await store.IdsMaskedAsync(PinAlarm.ByCaller, caller, first.AddMinutes(1), Now.AddMinutes(-1), default));
        Assert.Equal(["330106********0048", "110105********002X"], await store.IdsMaskedAsync(PinAlarm.BySource, "198.51.100.7", first, Now, default));
    }

    [SkippableFact]
    public async Task Stored_NoNumberOrIdInClear()
    {
        using var connection = _database.OpenConnection();
        await new PinLockOriginStore(connection).AddAsync(Lock(Attacker, IdA, "198.51.100.7"), default);

        var row = string.Join("|", connection.Query<string>(
            "SELECT at || call_id || caller_key || caller_masked || source || subject_key || subject_masked FROM pin_lock_origins;"));

        Assert.Contains("139*****678", row);
        Assert.Contains("110105********002X", row);
        Assert.DoesNotContain(Attacker, row);
        Assert.DoesNotContain(IdA, row);
        Assert.NotEqual(PinCallerKey.Of(_file.HashKey, Attacker), PinCallerKey.Of(_file.HashKey, Other));
    }

    private PinLockOrigin Lock(string caller, string id, string? source, string callId = "call-1")
        => PinLockOrigin.Of(_file.HashKey, Now, callId, caller, source, id);

    public void Dispose() => _file.Dispose();
}

public sealed class PinLockOriginStoreOnSqliteTests() : PinLockOriginStoreTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PinLockOriginStoreOnPostgresTests(PostgresServer server) : PinLockOriginStoreTests(server.NewDatabase());
