using Npgsql;

namespace Ivr.Data.Calls;

/// <summary>
/// How a bulk import writes PostgreSQL. Its commits do not wait for the WAL to reach the disk (<c>synchronous_commit=off</c>
/// for this session only: a crash loses the last transactions, never consistency). Into a database that holds no call yet it
/// also drops the foreign key from <c>call_events</c> to <c>calls</c> while it loads and adds it back at the end, checked over
/// every row in one pass: the key's per-row trigger (a lookup and a row lock on the call) cost three quarters of an event
/// row's insert (1M events: 26.3 s with it, 6.6 s without, at load 25). A load that dies half-way leaves the key missing;
/// the next import puts it back when it opens (<see cref="Open"/>). <see cref="CallImport"/> refuses events of another call,
/// so the rows it writes meanwhile satisfy the key. Settings are reset when it ends: the connection goes back to the pool.
/// </summary>
internal sealed class PostgresBulkSession(NpgsqlConnection connection, bool withoutForeignKey) : IDisposable
{
    private const string ForeignKey = "call_events_call_id_fkey";

    public static PostgresBulkSession Open(NpgsqlConnection connection)
    {
        Run(connection, "SET synchronous_commit = off;");
        var fresh = Scalar(connection, "SELECT NOT EXISTS (SELECT 1 FROM calls);") is true;
        if (fresh) Run(connection, $"ALTER TABLE call_events DROP CONSTRAINT IF EXISTS {ForeignKey};");
        else RestoreForeignKey(connection);
        return new PostgresBulkSession(connection, fresh);
    }

    public void Dispose()
    {
        if (withoutForeignKey) RestoreForeignKey(connection);
        Run(connection, "RESET synchronous_commit;");
    }

    private static void RestoreForeignKey(NpgsqlConnection connection)
    {
        if (Scalar(connection, $"SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '{ForeignKey}' AND conrelid = 'call_events'::regclass);") is true) return;
        Run(connection, $"ALTER TABLE call_events ADD CONSTRAINT {ForeignKey} FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE CASCADE;");
    }

    private static void Run(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
