using System.Data;
using Dapper;

namespace Ivr.Data.Callers;

/// <summary>The SQL of <c>caller_flags</c> (M014). An added or lifted flag is announced: on PostgreSQL to every node
/// (<c>NOTIFY</c> on <see cref="CallerFlagIndex.Channel"/>, delivered when the change commits), on SQLite to this process
/// (<see cref="LocalNotifications"/>).</summary>
public sealed class CallerFlagRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    private const string Select = """
        SELECT id, caller, reason_class AS ReasonClass, reason, flagged_at AS FlaggedAt, flagged_by AS FlaggedBy,
               expires_at AS ExpiresAt, removed_at AS RemovedAt, removed_by AS RemovedBy
        FROM caller_flags
        """;

    /// <returns>The new flag's id.</returns>
    public async Task<long> AddAsync(string caller, string reasonClass, string reason, string user, DateTimeOffset at, DateTimeOffset? expiresAt, CancellationToken cancellation)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO caller_flags (caller, reason_class, reason, flagged_at, flagged_by, expires_at)
            VALUES (@caller, @reasonClass, @reason, @at, @user, @expiresAt) RETURNING id;
            """, new { caller, reasonClass, reason, user, at = DbTime.ToText(at), expiresAt = expiresAt is { } e ? DbTime.ToText(e) : null },
            transaction, cancellationToken: cancellation));
        await AnnounceAsync(cancellation);
        return id;
    }

    /// <summary>Lifts a flag; false when there is no such flag or it was lifted before.</summary>
    public async Task<bool> RemoveAsync(long id, string user, DateTimeOffset at, CancellationToken cancellation)
    {
        var lifted = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE caller_flags SET removed_at = @at, removed_by = @user WHERE id = @id AND removed_at IS NULL;",
            new { id, user, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation)) == 1;
        if (lifted) await AnnounceAsync(cancellation);
        return lifted;
    }

    private async Task AnnounceAsync(CancellationToken cancellation)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            // One node: the index of this process reads the table again (CallerFlagIndex via DatabaseNotifications). At once,
            // so not from inside a transaction, which the index could read before it commits.
            if (transaction is not null) throw new InvalidOperationException("on SQLite a caller flag changes outside a transaction");
            LocalNotifications.Announce(sqlite.DataSource, CallerFlagIndex.Channel);
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@channel, '');", new { channel = CallerFlagIndex.Channel },
            transaction, cancellationToken: cancellation));
    }

    /// <summary>The newest flag of <paramref name="caller"/> active at <paramref name="at"/>, or null.</summary>
    public async Task<CallerFlag?> ActiveAsync(string caller, DateTimeOffset at, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            {Select} WHERE caller = @caller AND removed_at IS NULL AND (expires_at IS NULL OR expires_at > @at) ORDER BY id DESC LIMIT 1;
            """, new { caller, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation));
        return rows.Select(ToFlag).FirstOrDefault();
    }

    public async Task<CallerFlag?> FindAsync(long id, CancellationToken cancellation)
        => (await connection.QueryAsync<Row>(new CommandDefinition($"{Select} WHERE id = @id;", new { id }, transaction, cancellationToken: cancellation)))
            .Select(ToFlag).FirstOrDefault();

    /// <summary>Flags active at <paramref name="at"/>, newest first.</summary>
    public async Task<IReadOnlyList<CallerFlag>> ActiveListAsync(DateTimeOffset at, int limit, CancellationToken cancellation)
        => (await connection.QueryAsync<Row>(new CommandDefinition($"""
            {Select} WHERE removed_at IS NULL AND (expires_at IS NULL OR expires_at > @at) ORDER BY id DESC LIMIT @limit;
            """, new { at = DbTime.ToText(at), limit }, transaction, cancellationToken: cancellation))).Select(ToFlag).ToList();

    private static CallerFlag ToFlag(Row r) => new(r.Id, r.Caller, r.ReasonClass, r.Reason, DbTime.FromText(r.FlaggedAt), r.FlaggedBy,
        DbTime.FromNullableText(r.ExpiresAt), DbTime.FromNullableText(r.RemovedAt), r.RemovedBy);

    private sealed class Row
    {
        public long Id { get; set; }
        public string Caller { get; set; } = "";
        public string ReasonClass { get; set; } = "";
        public string Reason { get; set; } = "";
        public string FlaggedAt { get; set; } = "";
        public string FlaggedBy { get; set; } = "";
        public string? ExpiresAt { get; set; }
        public string? RemovedAt { get; set; }
        public string? RemovedBy { get; set; }
    }
}
