using System.Data.Common;
using Dapper;

namespace Ivr.Data.Backup;

/// <summary>The row count of every table of the hotline's database: what a backup records and a restore checks.</summary>
public static class TableCounts
{
    public static SortedDictionary<string, long> Of(IvrDatabase database)
    {
        using var connection = database.OpenConnection();
        return Of(connection);
    }

    public static SortedDictionary<string, long> Of(DbConnection connection)
    {
        var tables = connection.Dialect() == DatabaseDialect.Sqlite
            ? connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';")
            : connection.Query<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE';");
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            if (!table.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) continue; // never ours; never put in SQL
            counts[table] = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table};");
        }

        return counts;
    }
}
