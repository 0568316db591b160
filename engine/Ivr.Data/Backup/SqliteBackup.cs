using Microsoft.Data.Sqlite;

namespace Ivr.Data.Backup;

/// <summary>
/// A consistent copy of the SQLite database while the server keeps writing to it: SQLite's online backup API
/// copies the pages of one read snapshot (writers go on; WAL mode never blocks them on a reader).
/// </summary>
public static class SqliteBackup
{
    public static void CopyTo(IvrDatabase database, string destinationFile)
    {
        if (database.Dialect != DatabaseDialect.Sqlite) throw new InvalidOperationException("SqliteBackup copies SQLite databases only");
        using var source = (SqliteConnection)database.OpenConnection();
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationFile, Pooling = false }.ToString());
        destination.Open();
        source.BackupDatabase(destination);
        using var journal = destination.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode=DELETE;"; // one self-contained file in the archive
        journal.ExecuteNonQuery();
    }
}
