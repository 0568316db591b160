using Dapper;
using Ivr.Data.Retention;
using Ivr.Data.Security;

namespace Ivr.Data.Tests.Retention;

/// <summary>Retention of the PIN tables: <c>pin_attempts</c> after 90 days and <c>pin_lock_origins</c> (with the alerts on
/// them) after a year by default, in batches, counted alike dry and wet — and never a row of an ID whose PIN is locked
/// now (a lock until an agent unlocks) — on SQLite and PostgreSQL.</summary>
public abstract class PinRowPruneTests : IDisposable
{
    private const string Locked = "11010519491231002X";
    private const string Free = "330106198001010048";
    private static readonly DateTimeOffset Now = new(2027, 12, 3, 3, 0, 0, TimeSpan.FromHours(8));
    private readonly TestDatabase _file;
    private readonly string _recordings = Directory.CreateTempSubdirectory("ivr-retention-").FullName;

    protected PinRowPruneTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public async Task Prune_OldPinRows_ExceptThoseOfAnIdLockedNow_AlarmsWithTheirOrigins()
    {
        var database = _file.Open();
        using (var connection = database.OpenConnection())
        {
            var attempts = new PinAttemptStore(connection);
            for (var i = 0; i < 5; i++) await attempts.AddFailedAsync(Now.AddDays(-100 - i), "13912345678", $"old-{i}", PinSubjectKey.Of(_file.HashKey, Free), default);
            await attempts.AddFailedAsync(Now.AddDays(-100), "13912345678", "old-locked", PinSubjectKey.Of(_file.HashKey, Locked), default);
            await attempts.AddFailedAsync(Now.AddDays(-89), "13912345678", "recent", PinSubjectKey.Of(_file.HashKey, Free), default);
            var origins = new PinLockOriginStore(connection);
            for (var i = 0; i < 4; i++) await origins.AddAsync(PinLockOrigin.Of(_file.HashKey, Now.AddDays(-400 - i), $"o-{i}", "13912345678", null, Free), default);
            await origins.AddAsync(PinLockOrigin.Of(_file.HashKey, Now.AddDays(-400), "o-locked", "13912345678", null, Locked), default);
            await origins.AddAsync(PinLockOrigin.Of(_file.HashKey, Now.AddDays(-300), "o-recent", "13912345678", null, Free), default);
            await new PinAlarmStore(connection).RaiseAsync(new PinAlarm(0, PinAlarm.ByCaller, PinCallerKey.Of(_file.HashKey, "13912345678"), "139*****678", null,
                Now.AddDays(-400), Now.AddDays(-403), Now.AddDays(-400), 2, "o-0", PinAlarm.Paged, 1, null, null, null, null), default);
            await new PinLockStore(connection).LockAsync(Locked, PinLockout.UntilUnlocked, default);
            await new PinLockStore(connection).LockAsync(Free, Now.AddDays(-1), default); // a lock that has ended keeps nothing
        }

        var pruner = new RetentionPruner(database, _recordings, _file.HashKey, batch: 2);
        var counted = await pruner.CountAsync(RetentionPolicy.Default, Now, default);
        var pruned = await pruner.PruneAsync(RetentionPolicy.Default, Now, default);
        var again = await pruner.CountAsync(RetentionPolicy.Default, Now, default);

        Assert.Equal((5, 5), (counted.PinAttempts, counted.PinLockOrigins));
        Assert.Equal((5, 5), (pruned.PinAttempts, pruned.PinLockOrigins));
        Assert.Equal((0, 0, 0), (again.PinAttempts, again.PinLockOrigins, again.Total));
        Assert.EndsWith("pin_attempts 5, pin_lock_origins 5, handoff_tokens 0", pruned.ToString());
        using var check = database.OpenConnection();
        Assert.Equal(["old-locked", "recent"], check.Query<string>("SELECT call_id FROM pin_attempts ORDER BY call_id;"));
        Assert.Equal(["o-locked", "o-recent"], check.Query<string>("SELECT call_id FROM pin_lock_origins ORDER BY call_id;"));
        Assert.Equal(0, check.ExecuteScalar<long>("SELECT COUNT(*) FROM pin_alarms;"));
    }

    [SkippableFact]
    public async Task Prune_ShorterPeriods_FromThePolicy()
    {
        var database = _file.Open();
        using (var connection = database.OpenConnection())
            await new PinAttemptStore(connection).AddFailedAsync(Now.AddDays(-8), "13912345678", "c", PinSubjectKey.Of(_file.HashKey, Free), default);
        var policy = RetentionPolicy.Default with { PinAttempts = TimeSpan.FromDays(7) };

        Assert.Equal(0, (await new RetentionPruner(database, _recordings, _file.HashKey).CountAsync(RetentionPolicy.Default, Now, default)).PinAttempts);
        Assert.Equal(1, (await new RetentionPruner(database, _recordings, _file.HashKey).PruneAsync(policy, Now, default)).PinAttempts);
    }

    /// <summary>A dry run on a database not bound to a key yet (its rows unkeyed, as stored before M023) counts what the real
    /// run will prune once the first start has bound and re-keyed it — still keeping an ID locked now.</summary>
    [SkippableFact]
    public async Task Count_RowsNotKeyedYet_CountsWhatThePruneDeletesAfterBinding()
    {
        var database = _file.Open();
        var at = DbTime.ToText(Now.AddDays(-100));
        using (var connection = database.OpenConnection())
        {
            connection.Execute("INSERT INTO pin_attempts (at, caller_key, call_id, subject_key, failed) VALUES (@at, '', 'free', @free, 1), (@at, '', 'locked', @locked, 1);",
                new { at, free = Tests.Security.HashKeyTests.Unkeyed("ivr/pin-attempt-subject/v1\n", Free), locked = Tests.Security.HashKeyTests.Unkeyed("ivr/pin-attempt-subject/v1\n", Locked) });
            await new PinLockStore(connection).LockAsync(Locked, PinLockout.UntilUnlocked, default);
        }

        var pruner = new RetentionPruner(database, _recordings, _file.HashKey);
        var dry = await pruner.CountAsync(RetentionPolicy.Default, Now, default, storedKeysUnkeyed: true);
        var asIfKeyed = await pruner.CountAsync(RetentionPolicy.Default, Now, default);
        await HashKeyCheck.EnsureAsync(database, _file.HashKey, TimeProvider.System, default);
        var pruned = await pruner.PruneAsync(RetentionPolicy.Default, Now, default);

        Assert.Equal(1, dry.PinAttempts);
        Assert.Equal(2, asIfKeyed.PinAttempts); // read as keyed, the locked ID's unkeyed row is not recognised
        Assert.Equal(1, pruned.PinAttempts);
        using var check = database.OpenConnection();
        Assert.Equal(["locked"], check.Query<string>("SELECT call_id FROM pin_attempts;"));
    }

    public void Dispose()
    {
        _file.Dispose();
        Directory.Delete(_recordings, recursive: true);
    }
}

public sealed class PinRowPruneOnSqliteTests() : PinRowPruneTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PinRowPruneOnPostgresTests(PostgresServer server) : PinRowPruneTests(server.NewDatabase());
