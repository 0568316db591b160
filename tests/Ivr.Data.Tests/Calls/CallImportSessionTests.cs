using Dapper;
using Ivr.Core.Calls;
using Ivr.Data.Calls;
using Microsoft.Data.Sqlite;

namespace Ivr.Data.Tests.Calls;

/// <summary>What a bulk import changes to load fast (SQLite: no journal on a fresh file; PostgreSQL: the events' foreign key
/// dropped while a fresh database loads) is put back when it ends, and what it skips checking per row it checks itself.</summary>
public abstract class CallImportSessionTests(TestDatabase file) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    protected TestDatabase File { get; } = file;

    [SkippableFact]
    public void Import_IntoAFreshDatabase_LeavesTheForeignKeyOfEventsInForce()
    {
        var database = File.Open();
        using (var import = CallImport.Open(database, node: "n1")) import.Write([Call("a1"), Call("a2")]);

        using var connection = database.OpenConnection();
        Assert.Equal(6, connection.ExecuteScalar<long>("SELECT count(*) FROM call_events;"));
        var orphan = Record.Exception(() => connection.Execute(
            "INSERT INTO call_events (call_id, seq, at, kind, flow_version) VALUES ('no-such-call', 0, '2026-11-30T02:00:00.000Z', 'NodeEntered', 'v1');"));
        Assert.NotNull(orphan);
    }

    [SkippableFact]
    public void Import_IntoAFreshDatabase_LeavesEveryIndexAndKeyAsTheMigrationsMadeThem()
    {
        var database = File.Open();
        IReadOnlyList<string> migrated;
        using (var connection = database.OpenConnection()) migrated = Schema(connection);

        using (var import = CallImport.Open(database, node: "n1"))
        {
            import.Write([Call("a1"), Call("a2")]);
            import.Write([Call("a3")]);
        }

        using var after = database.OpenConnection();
        Assert.Equal(migrated, Schema(after));
        Assert.Contains(migrated, d => d.Contains("ix_calls_started_at", StringComparison.Ordinal)); // the comparison sees indexes
    }

    /// <summary>Every index (name, definition, valid) and constraint of the database, sorted.</summary>
    protected abstract IReadOnlyList<string> Schema(System.Data.Common.DbConnection connection);

    [SkippableFact]
    public void Import_AgainIntoADatabaseWithCalls_AddsToThem()
    {
        var database = File.Open();
        using (var import = CallImport.Open(database)) import.Write([Call("a1")]);
        using (var import = CallImport.Open(database)) import.Write([Call("a2")]);

        using var connection = database.OpenConnection();
        Assert.Equal(2, connection.ExecuteScalar<long>("SELECT count(*) FROM calls WHERE rolled_up = 1;"));
        Assert.Equal(6, connection.ExecuteScalar<long>("SELECT count(*) FROM call_events;"));
    }

    [SkippableFact]
    public void Write_AnEventOfAnotherCall_IsRefused()
    {
        var database = File.Open();
        var stray = Call("a1") with { Events = [.. Call("a1").Events, new CallEvent("a2", 9, T0.AddSeconds(9), CallEventKind.NodeEntered, "v1", "main.menu")] };
        using var import = CallImport.Open(database);

        var refused = Assert.Throws<ArgumentException>(() => import.Write([Call("a2"), stray]));

        Assert.Contains("a2", refused.Message, StringComparison.Ordinal);
    }

    protected static ImportedCall Call(string id)
    {
        CallEvent[] events =
        [
            new(id, 0, T0.AddSeconds(1), CallEventKind.NodeEntered, "v1", "main.menu"),
            new(id, 1, T0.AddSeconds(2), CallEventKind.NodeEntered, "v1", "pension.menu"),
            new(id, 2, T0.AddSeconds(3), CallEventKind.LookupCompleted, "v1", "pension.fetch", "ok"),
        ];
        return new ImportedCall(new CallStart(id, "13900001234", "12333", "v1", "main", T0), events, T0.AddSeconds(30), "completed");
    }

    public void Dispose() => File.Dispose();
}

public sealed class CallImportSessionOnSqliteTests() : CallImportSessionTests(new TempDatabase())
{
    protected override IReadOnlyList<string> Schema(System.Data.Common.DbConnection connection)
        => connection.Query<string>("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY 1;").ToList();

    [Fact]
    public void Import_IntoAFreshFile_HoldsItAloneThenPutsTheWalBack()
    {
        var database = File.Open();
        using (var import = CallImport.Open(database))
        {
            import.Write([Call("a1")]);
            using var reader = new SqliteConnection($"Data Source={File.Location};Pooling=False;Default Timeout=1");
            reader.Open();
            var locked = Assert.Throws<SqliteException>(() => reader.ExecuteScalar<long>("SELECT count(*) FROM calls;"));
            Assert.Equal(5, locked.SqliteErrorCode); // SQLITE_BUSY: no one reads the half-loaded file
        }

        using var connection = database.OpenConnection();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode;"));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM calls;"));
    }

    [Fact]
    public void Import_IntoAFileAnotherConnectionHasOpen_KeepsTheWal()
    {
        var database = File.Open();
        using var other = new SqliteConnection($"Data Source={File.Location};Pooling=False");
        other.Open();
        using (var reading = other.BeginTransaction(deferred: true))
        {
            other.ExecuteScalar<long>("SELECT count(*) FROM calls;", transaction: reading); // holds a read snapshot of the WAL
            using var import = CallImport.Open(database);
            import.Write([Call("a1")]);
        }

        Assert.Equal("wal", other.ExecuteScalar<string>("PRAGMA journal_mode;"));
        Assert.Equal(1, other.ExecuteScalar<long>("SELECT count(*) FROM calls;"));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class CallImportSessionOnPostgresTests(PostgresServer server) : CallImportSessionTests(server.NewDatabase())
{
    private static readonly string[] Deferred = ["ix_calls_started_at", "ix_calls_caller_tail", "ix_call_events_path", "ix_surveys_at", "call_events_call_id_fkey"];

    protected override IReadOnlyList<string> Schema(System.Data.Common.DbConnection connection) => connection.Query<string>("""
        SELECT 'index ' || c.relname || ' valid=' || i.indisvalid || ': ' || pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relnamespace = current_schema()::regnamespace
        UNION ALL
        SELECT 'constraint ' || k.conrelid::regclass || '.' || k.conname || ' validated=' || k.convalidated || ': ' || pg_get_constraintdef(k.oid)
        FROM pg_constraint k WHERE k.connamespace = current_schema()::regnamespace
        ORDER BY 1;
        """).ToList();

    [Fact]
    public void Import_IntoAFreshDatabase_LoadsWithoutTheSecondaryIndexesAndKeys()
    {
        var database = File.Open();
        using var import = CallImport.Open(database);
        import.Write([Call("a1")]);

        using var connection = database.OpenConnection();
        var present = Schema(connection);
        foreach (var name in Deferred) Assert.DoesNotContain(present, d => d.Contains($" {name} ", StringComparison.Ordinal) || d.Contains($".{name} ", StringComparison.Ordinal));
        Assert.Contains(present, d => d.Contains("calls_pkey", StringComparison.Ordinal)); // primary keys stay: the upserts' conflict targets
        Assert.Contains(present, d => d.Contains("rollup_paths_pkey", StringComparison.Ordinal));
        Assert.Superset(Deferred.ToHashSet(), connection.Query<string>("SELECT name FROM bulk_load_deferred;").ToHashSet());
    }

    [Fact]
    public void Import_IntoADatabaseWithCalls_KeepsItsIndexes()
    {
        var database = File.Open();
        using (var import = CallImport.Open(database)) import.Write([Call("a1")]);
        using var connection = database.OpenConnection();
        var before = Schema(connection);

        using var again = CallImport.Open(database);
        again.Write([Call("a2")]);

        Assert.Equal(before, Schema(connection));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM bulk_load_deferred;"));
    }

    [Fact]
    public void Open_AfterALoadThatDied_MakesTheIndexesAndKeysAgain()
    {
        var database = File.Open();
        IReadOnlyList<string> migrated;
        using (var connection = database.OpenConnection()) migrated = Schema(connection);
        var import = CallImport.Open(database);
        import.Write([Call("a1"), Call("a2")]);
        using (var killer = database.OpenConnection()) // the loader's session dies mid-load, as in a crash
            killer.Execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid();");
        Record.Exception(import.Dispose);
        using (var connection = database.OpenConnection()) Assert.NotEqual(migrated, Schema(connection));

        var reopened = File.Open();

        Assert.Superset(Deferred.ToHashSet(), reopened.RestoredNow.ToHashSet());
        using var repaired = reopened.OpenConnection();
        Assert.Equal(migrated, Schema(repaired));
        Assert.Equal(0, repaired.ExecuteScalar<long>("SELECT count(*) FROM bulk_load_deferred;"));
        Assert.Equal(6, repaired.ExecuteScalar<long>("SELECT count(*) FROM call_events;")); // what was committed stays
    }

    [Fact]
    public void Open_WhileALoadRuns_LeavesWhatItDroppedToIt()
    {
        var database = File.Open();
        using var import = CallImport.Open(database);
        import.Write([Call("a1")]);

        var meanwhile = File.Open();

        Assert.Empty(meanwhile.RestoredNow);
        using var connection = meanwhile.OpenConnection();
        Assert.DoesNotContain(Schema(connection), d => d.Contains(" ix_calls_started_at ", StringComparison.Ordinal));
    }
}
