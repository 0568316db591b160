using Ivr.Data.Migrations;
using Microsoft.Data.Sqlite;

namespace Ivr.Data.Tests;

/// <summary>A database file in the temp folder, deleted (with its WAL files) on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ivr-data-test-{Guid.NewGuid():N}.db");
    }

    public string Path { get; }

    public IvrDatabase Open() => IvrDatabase.Open(Path);

    public IvrDatabase Open(IReadOnlyList<Migration> migrations) => IvrDatabase.Open(Path, migrations, TimeProvider.System);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try { File.Delete(Path + suffix); } catch (IOException) { }
        }
    }
}
