using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Ivr.Data;

/// <summary>
/// Write transactions that behave alike on both databases. SQLite's is <c>BEGIN IMMEDIATE</c> (the one
/// writer lock taken up front, so a read-then-write cannot be overtaken); PostgreSQL's is a plain
/// read-committed transaction in which <see cref="LockKeyAsync"/> serialises the writers of one key
/// across every node.
/// </summary>
public static class WriteTransactions
{
    public static DbTransaction BeginWrite(this DbConnection connection) => connection is SqliteConnection sqlite
        ? sqlite.BeginTransaction(deferred: false)
        : connection.BeginTransaction(IsolationLevel.ReadCommitted);

    public static DatabaseDialect Dialect(this IDbConnection connection)
        => connection is SqliteConnection ? DatabaseDialect.Sqlite : DatabaseDialect.PostgreSql;

    /// <summary>"<c>column</c> is one of the list <c>@name</c>" as Dapper needs it: SQLite expands
    /// <c>IN @name</c> into one parameter per item, PostgreSQL takes the array whole (<c>= ANY (@name)</c>).</summary>
    public static string InList(this IDbConnection connection, string column, string parameter)
        => connection.Dialect() == DatabaseDialect.Sqlite ? $"{column} IN @{parameter}" : $"{column} = ANY (@{parameter})";

    /// <summary>
    /// Holds, until <paramref name="transaction"/> ends, a lock on <paramref name="key"/> that every node
    /// asking for the same key waits on (PostgreSQL's transaction-scoped advisory lock). SQLite needs
    /// none: its write transaction already excludes every other writer.
    /// </summary>
    public static Task LockKeyAsync(this IDbConnection connection, IDbTransaction transaction, string scope, string key, CancellationToken cancellation)
        => connection.Dialect() == DatabaseDialect.Sqlite
            ? Task.CompletedTask
            : connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext(@scope), hashtext(@key));",
                new { scope, key }, transaction, cancellationToken: cancellation));
}
