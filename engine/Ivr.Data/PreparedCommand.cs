using System.Data.Common;

namespace Ivr.Data;

/// <summary>Prepared, named-parameter commands for batched inserts (call events, bulk seeding), on either database.</summary>
internal static class PreparedCommand
{
    /// <param name="names">The parameters in the order <see cref="Run"/> binds them, each written <c>@name</c> in <paramref name="sql"/>.</param>
    public static DbCommand Prepare(DbConnection connection, DbTransaction? transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        // SQLite compiles the statement once here; PostgreSQL prepares it on first use (Max Auto Prepare).
        if (connection.Dialect() == DatabaseDialect.Sqlite) command.Prepare();
        return command;
    }

    /// <summary>Binds <paramref name="values"/> in parameter order (null as SQL NULL) and executes.</summary>
    public static void Run(DbCommand command, params object?[] values)
    {
        Bind(command.Parameters, values);
        command.ExecuteNonQuery();
    }

    public static void Bind(DbParameterCollection parameters, object?[] values)
    {
        for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
