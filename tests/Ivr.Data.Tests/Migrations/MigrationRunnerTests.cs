using Dapper;
using Ivr.Data.Migrations;

namespace Ivr.Data.Tests.Migrations;

public abstract class MigrationRunnerTests : IDisposable
{
    private readonly TestDatabase _file;

    protected MigrationRunnerTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public void Open_FreshFile_AppliesEveryMigrationInOrder()
    {
        var database = _file.Open();

        Assert.Equal(MigrationCatalog.All.Select(m => m.Version), database.AppliedNow);
        using var connection = database.OpenConnection();
        Assert.Equal(MigrationCatalog.All.Select(m => m.Version), MigrationRunner.AppliedVersions(connection));
        Assert.True(TableExists(connection, "call_events"));
    }

    [SkippableFact]
    public void Open_Twice_SecondOpenAppliesNothing()
    {
        _file.Open();

        var again = _file.Open();

        Assert.Empty(again.AppliedNow);
    }

    [SkippableFact]
    public void Open_NewMigrationAdded_AppliesOnlyIt()
    {
        _file.Open();
        var next = new Migration(MigrationCatalog.All.Max(m => m.Version) + 1, "test column", "ALTER TABLE calls ADD COLUMN note TEXT;");

        var database = _file.Open([.. MigrationCatalog.All, next]);

        Assert.Equal([next.Version], database.AppliedNow);
        using var connection = database.OpenConnection();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(note) FROM calls;"));
    }

    [SkippableFact]
    public void Open_FailingMigration_RollsItBackAndRecordsNothing()
    {
        var broken = new Migration(1, "broken", "CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);");

        var error = Assert.ThrowsAny<InvalidOperationException>(() => _file.Open([broken]));

        Assert.Contains("broken", error.Message);
        var database = _file.Open([]);
        using var connection = database.OpenConnection();
        Assert.Empty(MigrationRunner.AppliedVersions(connection));
        Assert.False(TableExists(connection, "a"));
    }

    [SkippableFact]
    public void Open_DuplicateVersions_ClearError()
    {
        var a = new Migration(1, "a", "SELECT 1;");
        var b = new Migration(1, "b", "SELECT 1;");

        Assert.Throws<ArgumentException>(() => _file.Open([a, b]));
    }

    [SkippableFact]
    public void Open_SchemaNewerThanTheProgram_RefusedUntouched()
    {
        var next = new Migration(MigrationCatalog.All.Max(m => m.Version) + 1, "from a newer ivr", "CREATE TABLE newer (x INTEGER);");
        _file.Open([.. MigrationCatalog.All, next]);

        var error = Assert.ThrowsAny<InvalidOperationException>(() => _file.Open());

        Assert.Contains($"version {next.Version}, newer than this program knows", error.Message);
    }

    private static bool TableExists(System.Data.IDbConnection connection, string name) => connection.ExecuteScalar<long>(
        connection.Dialect() == DatabaseDialect.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE name = @name;"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name;", new { name }) > 0;

    public void Dispose() => _file.Dispose();
}

public sealed class MigrationRunnerOnSqliteTests : MigrationRunnerTests
{
    private readonly TempDatabase _file;

    public MigrationRunnerOnSqliteTests()
        : this(new TempDatabase())
    {
    }

    private MigrationRunnerOnSqliteTests(TempDatabase file)
        : base(file) => _file = file;

    [SkippableFact]
    public void Open_SetsWalAndForeignKeys()
    {
        var database = _file.Open();

        using var connection = database.OpenConnection();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode;"));
        Assert.Equal(2, connection.ExecuteScalar<int>("PRAGMA synchronous;")); // FULL: a commit survives power loss
        Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA foreign_keys;"));
        Assert.Equal(IvrDatabase.BusyTimeoutMilliseconds, connection.ExecuteScalar<int>("PRAGMA busy_timeout;"));
    }

    [SkippableFact]
    public void Open_EmptyPath_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => IvrDatabase.Open(" "));
    }

    [SkippableFact]
    public void Open_InMemory_ClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => IvrDatabase.Open(":memory:"));

        Assert.Contains("must be a file", error.Message);
    }

    [SkippableFact]
    public void Open_UnwritablePath_InvalidOperationNamingThePath()
    {
        var error = Assert.ThrowsAny<InvalidOperationException>(() => IvrDatabase.Open("/proc/ivr-cannot-be-here/x.db"));

        Assert.Contains("/proc/ivr-cannot-be-here/x.db", error.Message);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class MigrationRunnerOnPostgresTests(PostgresServer server) : MigrationRunnerTests(server.NewEmptyDatabase());
