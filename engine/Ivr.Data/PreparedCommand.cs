using Microsoft.Data.Sqlite;

namespace Ivr.Data;

/// <summary>Prepared, positional-parameter commands for batched inserts (call events, bulk seeding).</summary>
internal static class PreparedCommand
{
    public static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    /// <summary>Binds <paramref name="values"/> in parameter order (null as SQL NULL) and executes.</summary>
    public static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }
}
