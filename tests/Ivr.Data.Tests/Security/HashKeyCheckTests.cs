using Dapper;
using Ivr.Data.Security;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Security;

/// <summary>
/// A database bound to one hash key (M023): the first start binds it and re-keys the rows stored unkeyed before, so an ID
/// and a caller number keep one key across the upgrade; the same key again is accepted (on any node, at once too);
/// another key is refused — on SQLite and PostgreSQL.
/// </summary>
public abstract class HashKeyCheckTests : IDisposable
{
    private const string Id = "11010519491231002X";
    private const string Caller = "13912345678";
    private readonly TestDatabase _file;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8)));

    protected HashKeyCheckTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public async Task TheFirstKey_BindsTheDatabase_ThenTheSameKeyIsAccepted()
    {
        var database = _file.Open();

        Assert.Equal(new HashKeyCheck.Outcome(true, 0), await HashKeyCheck.EnsureAsync(database, _file.HashKey, _time, default));
        Assert.Equal(new HashKeyCheck.Outcome(false, 0), await HashKeyCheck.EnsureAsync(_file.Open(), _file.HashKey, _time, default));
    }

    [SkippableFact]
    public async Task AnotherKey_IsRefused_AndTheBindingStays()
    {
        await HashKeyCheck.EnsureAsync(_file.Open(), _file.HashKey, _time, default);

        var refused = await Assert.ThrowsAsync<HashKeyMismatchException>(() => HashKeyCheck.EnsureAsync(_file.Open(), HashKey.Generate(), _time, default));

        Assert.Contains("--hash-key", refused.Message);
        Assert.False((await HashKeyCheck.EnsureAsync(_file.Open(), _file.HashKey, _time, default)).BoundNow);
    }

    [SkippableFact]
    public async Task MatchesAsync_ReadsTheBinding_AndBindsNothing()
    {
        var database = _file.Open();

        Assert.Null(await HashKeyCheck.MatchesAsync(database, _file.HashKey, default));
        using (var connection = database.OpenConnection()) Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM hash_key_check;"));
        await HashKeyCheck.EnsureAsync(database, _file.HashKey, _time, default);
        Assert.True(await HashKeyCheck.MatchesAsync(database, _file.HashKey, default));
        Assert.False(await HashKeyCheck.MatchesAsync(database, HashKey.Generate(), default));
    }

    [SkippableFact]
    public async Task TheDatabase_KeepsTheCheckValue_NeverTheKey()
    {
        var database = _file.Open();
        await HashKeyCheck.EnsureAsync(database, _file.HashKey, _time, default);

        using var connection = database.OpenConnection();
        Assert.Equal(_file.HashKey.CheckValue, connection.ExecuteScalar<string>("SELECT check_value FROM hash_key_check;"));
    }

    [SkippableFact]
    public async Task RowsStoredUnkeyed_AreRekeyedAtBinding_SoAnIdAndANumberKeepOneKey()
    {
        var database = _file.Open();
        var subject = HashKeyTests.Unkeyed("ivr/pin-attempt-subject/v1\n", Id);
        var caller = HashKeyTests.Unkeyed("ivr/pin-lock-caller/v1\n", Caller);
        var at = DbTime.ToText(_time.GetUtcNow());
        using (var connection = database.OpenConnection())
        {
            connection.Execute("INSERT INTO pin_attempts (at, caller_key, call_id, subject_key, failed) VALUES (@at, @caller, 'c-1', @subject, 1), (@at, '', 'c-0', @subject, 1);",
                new { at, caller, subject });
            connection.Execute("""
                INSERT INTO pin_lock_origins (at, call_id, caller_key, caller_masked, source, subject_key, subject_masked)
                VALUES (@at, 'c-1', @caller, '139*****678', '198.51.100.7', @subject, '110105********002X');
                INSERT INTO pin_alarms (kind, origin_key, caller_masked, source, raised_at, first_lock_at, last_lock_at, ids_locked, last_call_id, page_state, page_next_at)
                VALUES ('caller', @caller, '139*****678', NULL, @at, @at, @at, 2, 'c-1', 'pending', @at),
                       ('source', '198.51.100.7', NULL, '198.51.100.7', @at, @at, @at, 2, 'c-1', 'pending', @at);
                """, new { at, caller, subject });
        }

        var outcome = await HashKeyCheck.EnsureAsync(database, _file.HashKey, _time, default);

        Assert.Equal(6, outcome.RekeyedKeys); // two subjects and one caller in pin_attempts, both keys of the origin, the caller alarm
        using var check = database.OpenConnection();
        var (keyedSubject, keyedCaller) = (PinSubjectKey.Of(_file.HashKey, Id), PinCallerKey.Of(_file.HashKey, Caller));
        Assert.Equal([keyedSubject, keyedSubject], check.Query<string>("SELECT subject_key FROM pin_attempts ORDER BY id;"));
        Assert.Equal([keyedCaller, ""], check.Query<string>("SELECT caller_key FROM pin_attempts ORDER BY id;"));
        Assert.Equal((keyedCaller, keyedSubject), check.QuerySingle<(string, string)>("SELECT caller_key, subject_key FROM pin_lock_origins;"));
        Assert.Equal([keyedCaller, "198.51.100.7"], check.Query<string>("SELECT origin_key FROM pin_alarms ORDER BY id;"));
        Assert.Equal(1, await new PinLockOriginStore(check).CountIdsOfCallerSinceAsync(keyedCaller, _time.GetUtcNow().AddHours(-1), default));
    }

    [SkippableFact]
    public async Task RowsWrittenWithTheKey_AreNotRekeyedAgain()
    {
        var database = _file.Open();
        await HashKeyCheck.EnsureAsync(database, _file.HashKey, _time, default);
        var keyed = PinSubjectKey.Of(_file.HashKey, Id);
        using (var connection = database.OpenConnection())
            await new PinAttemptStore(connection).AddFailedAsync(_time.GetUtcNow(), PinCallerKey.Of(_file.HashKey, Caller), "c-1", keyed, default);

        await HashKeyCheck.EnsureAsync(_file.Open(), _file.HashKey, _time, default);

        using var check = database.OpenConnection();
        Assert.Equal(keyed, check.ExecuteScalar<string>("SELECT subject_key FROM pin_attempts;"));
    }

    [SkippableFact]
    public async Task NodesStartingAtOnce_WithOneKey_BindOnce_AndWithAnother_AreRefused()
    {
        var other = HashKey.Generate();
        var starts = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                return await HashKeyCheck.EnsureAsync(_file.Open(), i < 3 ? _file.HashKey : other, _time, default) is { BoundNow: true } ? "bound" : "matched";
            }
            catch (HashKeyMismatchException)
            {
                return "refused";
            }
        })).ToList();

        var outcomes = await Task.WhenAll(starts).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, outcomes.Count(o => o == "bound"));
        Assert.Equal(2, outcomes.Count(o => o == "matched"));
        Assert.Equal(3, outcomes.Count(o => o == "refused"));
    }

    public void Dispose() => _file.Dispose();
}

public sealed class HashKeyCheckOnSqliteTests() : HashKeyCheckTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class HashKeyCheckOnPostgresTests(PostgresServer server) : HashKeyCheckTests(server.NewDatabase());
