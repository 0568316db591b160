using System.Data.Common;
using Dapper;
using Ivr.Data.Security;

namespace Ivr.Data.Retention;

/// <summary>
/// Deletes rows of <c>pin_attempts</c> or <c>pin_lock_origins</c> (with the alerts of <c>pin_alarms</c> whose last lock
/// is as old) older than the cutoff, a batch per transaction in id order — except every row of an ID whose PIN is locked
/// now (<c>pin_locks</c>; a lock until an agent unlocks lasts for ever), found by the ID's salted key.
/// </summary>
internal static class PinRowPrune
{
    public const string Attempts = "pin_attempts";
    public const string Origins = "pin_lock_origins";

    /// <param name="table"><see cref="Attempts"/> or <see cref="Origins"/>, never an input.</param>
    /// <param name="keyed">A stored key in the form <paramref name="key"/> gives (the identity, or <see cref="HashKey.Rekey"/>
    /// while the database is not bound to a key yet).</param>
    public static async Task<long> CountAsync(DbConnection connection, string table, string cutoff, DateTimeOffset now, HashKey key,
        Func<string, string> keyed, CancellationToken cancellation)
    {
        var kept = await LockedKeysAsync(connection, null, now, key, cancellation);
        var perKey = await connection.QueryAsync<(string Key, long Rows)>(new CommandDefinition(
            $"SELECT subject_key, COUNT(*) FROM {table} WHERE at < @cutoff GROUP BY subject_key;", new { cutoff }, cancellationToken: cancellation));
        var rows = perKey.Where(k => !kept.Contains(keyed(k.Key))).Sum(k => k.Rows);
        return table == Origins ? rows + await AlarmCountAsync(connection, cutoff, cancellation) : rows;
    }

    public static async Task<long> PruneAsync(IvrDatabase database, string table, string cutoff, DateTimeOffset now, HashKey key, int batch,
        CancellationToken cancellation)
    {
        long after = 0;
        var pruned = await PruneBatch.RepeatAsync(database, batch, async (connection, transaction) =>
        {
            var kept = await LockedKeysAsync(connection, transaction, now, key, cancellation);
            var rows = (await connection.QueryAsync<(long Id, string Key)>(new CommandDefinition(
                $"SELECT id, subject_key FROM {table} WHERE at < @cutoff AND id > @after ORDER BY id LIMIT @batch;",
                new { cutoff, after, batch }, transaction, cancellationToken: cancellation))).ToList();
            if (rows.Count > 0) after = rows[^1].Id;
            var gone = rows.Where(r => !kept.Contains(r.Key)).Select(r => r.Id).ToList();
            if (gone.Count > 0) // ids are numbers read just now: listed as such (a list parameter is not portable to PostgreSQL)
                await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE id IN ({string.Join(',', gone)});", transaction: transaction,
                    cancellationToken: cancellation));
            return (rows.Count, (long)gone.Count);
        }, cancellation);
        if (table != Origins) return pruned;
        return pruned + await PruneBatch.RepeatAsync(database, batch, async (connection, transaction) =>
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM pin_alarms WHERE id IN (SELECT id FROM pin_alarms WHERE last_lock_at < @cutoff ORDER BY id LIMIT @batch);
                """, new { cutoff, batch }, transaction, cancellationToken: cancellation));
            return (rows, rows);
        }, cancellation);
    }

    private static Task<long> AlarmCountAsync(DbConnection connection, string cutoff, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM pin_alarms WHERE last_lock_at < @cutoff;",
            new { cutoff }, cancellationToken: cancellation));

    /// <summary>The keys of the IDs whose PIN is locked at <paramref name="now"/>.</summary>
    private static async Task<HashSet<string>> LockedKeysAsync(DbConnection connection, DbTransaction? transaction, DateTimeOffset now, HashKey key,
        CancellationToken cancellation)
    {
        var subjects = await connection.QueryAsync<string>(new CommandDefinition("SELECT subject FROM pin_locks WHERE locked_until > @now;",
            new { now = DbTime.ToText(now) }, transaction, cancellationToken: cancellation));
        return subjects.Select(subject => PinSubjectKey.Of(key, subject)).ToHashSet(StringComparer.Ordinal);
    }
}
