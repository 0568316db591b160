using Dapper;
using Npgsql;

namespace Ivr.Data.Calls;

/// <summary>
/// How a bulk import writes PostgreSQL. Its commits do not wait for the WAL to reach the disk (<c>synchronous_commit=off</c>
/// for this session only: a crash loses the last transactions, never consistency). Into a database that holds no call yet it
/// also drops the secondary indexes and foreign keys of the tables it writes while it loads and makes them again at the end
/// (<see cref="PostgresLoadDeferral"/>): each index built once from the loaded rows, each key checked over every row in one
/// pass (the events' key trigger, a lookup and a row lock on the call, had cost three quarters of an event row's insert).
/// Measured on 100k calls (5.1M events), one run each at load 7–15: the server spent 24.0 CPU-s with the indexes kept and
/// 26.3 CPU-s with them deferred, rebuild and ANALYZE included (the writing itself 32.8 s instead of 40.2 s, then ~10 s of
/// rebuild) — the server's time goes to the 51 event rows per call (heap, primary key, WAL), which this does not change.
/// <see cref="CallImport"/> refuses events of another call, so
/// the rows it writes meanwhile satisfy the keys. A load that dies half-way leaves them listed in <c>bulk_load_deferred</c>;
/// the next open of the database, or the next import, makes them again. Settings are reset when it ends: the connection
/// goes back to the pool.
/// </summary>
internal sealed class PostgresBulkSession(NpgsqlConnection connection, bool deferred) : IDisposable
{
    public static PostgresBulkSession Open(NpgsqlConnection connection, TimeProvider? time = null)
    {
        PostgresLoadDeferral.LockLoad(connection);
        try
        {
            connection.Execute("SET synchronous_commit = off;");
            PostgresLoadDeferral.Restore(connection); // what a load that died left dropped
            var fresh = connection.ExecuteScalar<bool>("SELECT NOT EXISTS (SELECT 1 FROM calls);");
            if (fresh) PostgresLoadDeferral.Defer(connection, time ?? TimeProvider.System);
            return new PostgresBulkSession(connection, fresh);
        }
        catch
        {
            PostgresLoadDeferral.UnlockLoad(connection);
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (deferred) PostgresLoadDeferral.Restore(connection);
            connection.Execute("RESET synchronous_commit;");
        }
        finally
        {
            PostgresLoadDeferral.UnlockLoad(connection);
        }
    }
}
