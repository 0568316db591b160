using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ivr.Data;

/// <summary>
/// Whether an exception means "the database cannot be reached right now" (worth keeping the work and trying
/// again later) rather than "this statement is wrong" (a constraint, a bug: trying again would fail the same way).
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception exception) => exception switch
    {
        DatabaseOpenException or SocketException or TimeoutException => true,
        // 08: connection exceptions; 28: credentials refused (rotated); 53: insufficient resources; 57P: shutting down or
        // not accepting connections; 55000: the database closed to connections (maintenance).
        PostgresException pg => pg.SqlState is "55000" || new[] { "08", "28", "53", "57P" }.Any(c => pg.SqlState.StartsWith(c, StringComparison.Ordinal)),
        NpgsqlException => true, // not a server's answer: the connection itself failed
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14, // BUSY, LOCKED, IOERR, FULL, CANTOPEN
        _ => exception.InnerException is { } inner && Is(inner),
    };
}
