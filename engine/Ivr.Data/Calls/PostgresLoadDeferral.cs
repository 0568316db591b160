using Dapper;
using Npgsql;

namespace Ivr.Data.Calls;

/// <summary>
/// The secondary indexes and foreign keys of the tables a bulk load writes (<c>calls</c>, <c>call_events</c>, <c>surveys</c>
/// and every <c>rollup_*</c> table), dropped while a load fills an empty PostgreSQL database and made again at its end:
/// PostgreSQL builds an index from sorted rows in one pass, far cheaper than maintaining it row by row, and checks a
/// foreign key over all rows in one join instead of a lookup per row. They are read from the catalog (every index that is
/// neither unique nor a constraint's, every foreign key), so an index a later migration adds is deferred too; primary keys
/// and unique indexes stay (they are the upserts' conflict targets). Each is recorded in <c>bulk_load_deferred</c> with the
/// statement that makes it (<c>pg_get_indexdef</c>, <c>pg_get_constraintdef</c>) in the transaction that drops it, and deleted
/// in the one that makes it again, so a load that dies half-way leaves the list of what is missing: the next open of the
/// database (<see cref="RestoreAbandoned"/>, from <see cref="IvrDatabase"/>) makes it again. A load holds a session advisory
/// lock (<see cref="LockLoad"/>) so that an open meanwhile does not rebuild what a running load dropped.
/// </summary>
internal static class PostgresLoadDeferral
{
    private const string LoadTables = """
        t.relnamespace = current_schema()::regnamespace AND (t.relname IN ('calls', 'call_events', 'surveys') OR t.relname LIKE 'rollup\_%')
        """;

    private static readonly string SecondaryIndexes = $"""
        SELECT c.relname AS Name, 'index' AS Kind, pg_get_indexdef(i.indexrelid) AS Definition, format('DROP INDEX %I', c.relname) AS DropStatement
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
        WHERE {LoadTables} AND NOT i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        ORDER BY c.relname;
        """;

    private static readonly string ForeignKeys = $"""
        SELECT k.conname AS Name, 'foreign key' AS Kind,
               format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, k.conname, pg_get_constraintdef(k.oid)) AS Definition,
               format('ALTER TABLE %I DROP CONSTRAINT %I', t.relname, k.conname) AS DropStatement
        FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
        WHERE {LoadTables} AND k.contype = 'f'
        ORDER BY k.conname;
        """;

    /// <summary>Work memory for building the indexes again (this session only): the sort of a year's events fits in it.</summary>
    private const string BuildMemory = "SET maintenance_work_mem = '512MB';";

    /// <summary>No command timeout: a year's events (50M rows) take minutes to index, far over the driver's 30 s default.</summary>
    private const int Unlimited = 0;

    private const string LockKey = "hashtext('ivr'), hashtext('bulk load')";

    /// <summary>What the catalog holds that a fresh load drops: secondary indexes, then foreign keys.</summary>
    private static List<Droppable> Deferrable(NpgsqlConnection connection, NpgsqlTransaction transaction)
        => [.. connection.Query<Droppable>(SecondaryIndexes, transaction: transaction), .. connection.Query<Droppable>(ForeignKeys, transaction: transaction)];

    /// <summary>Waits until no other load runs, then holds the load lock for this session.</summary>
    public static void LockLoad(NpgsqlConnection connection) => connection.Execute($"SELECT pg_advisory_lock({LockKey});");

    public static void UnlockLoad(NpgsqlConnection connection) => connection.Execute($"SELECT pg_advisory_unlock({LockKey});");

    /// <summary>Drops every deferrable index and foreign key, recording each in the same transaction.</summary>
    /// <returns>The names dropped.</returns>
    public static IReadOnlyList<string> Defer(NpgsqlConnection connection, TimeProvider time)
    {
        using var transaction = connection.BeginTransaction();
        var deferred = Deferrable(connection, transaction);
        var at = DbTime.ToText(time.GetUtcNow());
        foreach (var d in deferred)
        {
            connection.Execute("INSERT INTO bulk_load_deferred (name, kind, definition, deferred_at) VALUES (@Name, @Kind, @Definition, @at);",
                new { d.Name, d.Kind, d.Definition, at }, transaction);
            connection.Execute(d.DropStatement, transaction: transaction);
        }
        transaction.Commit();
        return deferred.ConvertAll(d => d.Name);
    }

    /// <summary>Makes again everything <c>bulk_load_deferred</c> lists (indexes first, then foreign keys, checked over every
    /// row) and empties it, in one transaction; then refreshes the planner's statistics of the loaded tables.</summary>
    /// <returns>The names made again.</returns>
    public static IReadOnlyList<string> Restore(NpgsqlConnection connection)
    {
        List<Deferred> pending;
        using (var transaction = connection.BeginTransaction())
        {
            pending = connection.Query<Deferred>("SELECT name AS Name, kind AS Kind, definition AS Definition FROM bulk_load_deferred ORDER BY kind DESC, name;",
                transaction: transaction).ToList();
            if (pending.Count == 0) return [];
            connection.Execute(BuildMemory, transaction: transaction);
            foreach (var d in pending.Where(d => !Exists(connection, d, transaction)))
                connection.Execute(d.Definition, transaction: transaction, commandTimeout: Unlimited);
            connection.Execute("DELETE FROM bulk_load_deferred;", transaction: transaction);
            connection.Execute("RESET maintenance_work_mem;", transaction: transaction);
            transaction.Commit();
        }
        connection.Execute("ANALYZE calls, call_events, surveys;", commandTimeout: Unlimited);
        return pending.ConvertAll(d => d.Name);
    }

    /// <summary>At open: makes again what a load that died left dropped, unless a load is running now (it holds the lock).</summary>
    /// <returns>The names made again (none when nothing was missing or a load runs).</returns>
    public static IReadOnlyList<string> RestoreAbandoned(NpgsqlConnection connection)
    {
        if (connection.ExecuteScalar<long>("SELECT count(*) FROM bulk_load_deferred;") == 0) return [];
        if (!connection.ExecuteScalar<bool>($"SELECT pg_try_advisory_lock({LockKey});")) return [];
        try
        {
            return Restore(connection);
        }
        finally
        {
            UnlockLoad(connection);
        }
    }

    private static bool Exists(NpgsqlConnection connection, Deferred d, NpgsqlTransaction transaction)
        => connection.ExecuteScalar<bool>(d.Kind == "index"
            ? "SELECT to_regclass(quote_ident(@Name)) IS NOT NULL;"
            : "SELECT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid WHERE k.conname = @Name AND t.relnamespace = current_schema()::regnamespace);",
            new { d.Name }, transaction);

    /// <summary>An index or foreign key, and the statement that makes it.</summary>
    internal sealed record Deferred(string Name, string Kind, string Definition);

    /// <summary>A deferrable index or foreign key as the catalog lists it: also the statement that drops it.</summary>
    private sealed record Droppable(string Name, string Kind, string Definition, string DropStatement);
}
