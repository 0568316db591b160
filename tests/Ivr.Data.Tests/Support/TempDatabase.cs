using Microsoft.Data.Sqlite;

namespace Ivr.Data.Tests;

/// <summary>A SQLite database file in the temp folder, deleted (with its WAL files) on dispose.</summary>
public sealed class TempDatabase : TestDatabase
{
    public TempDatabase()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ivr-data-test-{Guid.NewGuid():N}.db");
    }

    public string Path { get; }

    public override DatabaseDialect Dialect => DatabaseDialect.Sqlite;

    public override string Location => Path;

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try { File.Delete(Path + suffix); } catch (IOException) { }
        }
    }
}
