using Dapper;
using Ivr.Data.Migrations;

namespace Ivr.Data.Tests.Migrations;

public sealed class MigrationRunnerTests : IDisposable
{
    private readonly TempDatabase _file = new();

    [Fact]
    public void Open_FreshFile_AppliesEveryMigrationInOrder()
    {
        var database = _file.Open();

        Assert.Equal(MigrationCatalog.All.Select(m => m.Version), database.AppliedNow);
        using var connection = database.OpenConnection();
        Assert.Equal(MigrationCatalog.All.Select(m => m.Version), MigrationRunner.AppliedVersions(connection));
        Assert.Equal(1, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'call_events';"));
    }

    [Fact]
    public void Open_Twice_SecondOpenAppliesNothing()
    {
        _file.Open();

        var again = _file.Open();

        Assert.Empty(again.AppliedNow);
    }

    [Fact]
    public void Open_NewMigrationAdded_AppliesOnlyIt()
    {
        _file.Open();
        var next = new Migration(MigrationCatalog.All.Max(m => m.Version) + 1, "test column", "ALTER TABLE calls ADD COLUMN note TEXT;");

        var database = _file.Open([.. MigrationCatalog.All, next]);

        Assert.Equal([next.Version], database.AppliedNow);
        using var connection = database.OpenConnection();
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(note) FROM calls;"));
    }

    [Fact]
    public void Open_FailingMigration_RollsItBackAndRecordsNothing()
    {
        var broken = new Migration(1, "broken", "CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);");

        var error = Assert.Throws<InvalidOperationException>(() => _file.Open([broken]));

        Assert.Contains("broken", error.Message);
        var database = _file.Open([]);
        using var connection = database.OpenConnection();
        Assert.Empty(MigrationRunner.AppliedVersions(connection));
        Assert.Equal(0, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'a';"));
    }

    [Fact]
    public void Open_DuplicateVersions_ClearError()
    {
        var a = new Migration(1, "a", "SELECT 1;");
        var b = new Migration(1, "b", "SELECT 1;");

        Assert.Throws<ArgumentException>(() => _file.Open([a, b]));
    }

    [Fact]
    public void Open_SetsWalAndForeignKeys()
    {
        var database = _file.Open();

        using var connection = database.OpenConnection();
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode;"));
        Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA foreign_keys;"));
        Assert.Equal(IvrDatabase.BusyTimeoutMilliseconds, connection.ExecuteScalar<int>("PRAGMA busy_timeout;"));
    }

    [Fact]
    public void Open_EmptyPath_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => IvrDatabase.Open(" "));
    }

    [Fact]
    public void Open_InMemory_ClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => IvrDatabase.Open(":memory:"));

        Assert.Contains("must be a file", error.Message);
    }

    [Fact]
    public void Open_UnwritablePath_InvalidOperationNamingThePath()
    {
        var error = Assert.Throws<InvalidOperationException>(() => IvrDatabase.Open("/proc/ivr-cannot-be-here/x.db"));

        Assert.Contains("/proc/ivr-cannot-be-here/x.db", error.Message);
    }

    public void Dispose() => _file.Dispose();
}
