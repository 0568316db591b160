using System.Data.Common;
using Npgsql;

namespace Ivr.Data;

/// <summary>The fastest bulk writer of each database: PostgreSQL's binary <c>COPY</c> (<see cref="PostgresCopyRows"/>),
/// SQLite's prepared multi-row inserts (<see cref="MultiRowInsert"/>).</summary>
internal static class BulkRows
{
    public static IBulkRows Open(DbConnection connection, DbTransaction transaction, string table, params string[] columns)
        => connection is NpgsqlConnection postgres
            ? new PostgresCopyRows(postgres, table, columns)
            : new MultiRowInsert(connection, transaction, table, columns);
}
