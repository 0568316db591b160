using System.Data;
using Dapper;

namespace Ivr.Data.Security;

/// <summary>The SQL of <c>pin_alarms</c> (M021) for raising and reading alerts (read with the IDs their origin locked,
/// masked, from <c>pin_lock_origins</c>) and acknowledging them; their pages: <see cref="PinAlarmOutbox"/>.</summary>
public sealed class PinAlarmStore(IDbConnection connection, IDbTransaction? transaction = null)
{
    /// <summary>At most this many alerts are listed at once.</summary>
    public const int MaxListed = 200;

    /// <summary>The origin's alert raised after <paramref name="since"/>, if any (call with the origin's key held).</summary>
    public async Task<long?> RecentIdAsync(string kind, string originKey, DateTimeOffset since, CancellationToken cancellation)
        => await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            SELECT id FROM pin_alarms WHERE kind = @kind AND origin_key = @originKey AND raised_at > @since ORDER BY raised_at DESC LIMIT 1;
            """, new { kind, originKey, since = DbTime.ToText(since) }, transaction, cancellationToken: cancellation)).ConfigureAwait(false);

    /// <summary>A new alert, its page due at once.</summary>
    public Task<long> RaiseAsync(PinAlarm alarm, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO pin_alarms (kind, origin_key, caller_masked, source, raised_at, first_lock_at, last_lock_at, ids_locked, last_call_id,
                                    page_state, page_tries, page_next_at)
            VALUES (@Kind, @OriginKey, @CallerMasked, @Source, @raisedAt, @firstLockAt, @lastLockAt, @IdsLocked, @LastCallId, @pending, 0, @raisedAt)
            RETURNING id;
            """, new
            {
                alarm.Kind, alarm.OriginKey, alarm.CallerMasked, alarm.Source, raisedAt = DbTime.ToText(alarm.RaisedAt),
                firstLockAt = DbTime.ToText(alarm.FirstLockAt), lastLockAt = DbTime.ToText(alarm.LastLockAt), alarm.IdsLocked, alarm.LastCallId,
                pending = PinAlarm.Pending,
            }, transaction, cancellationToken: cancellation));

    /// <summary>A further ID locked by the origin of alert <paramref name="id"/> within its window: no new page.</summary>
    public Task ExtendAsync(long id, int idsLocked, DateTimeOffset lockAt, string callId, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("""
            UPDATE pin_alarms SET ids_locked = @idsLocked, last_lock_at = @lockAt, last_call_id = @callId WHERE id = @id;
            """, new { id, idsLocked, lockAt = DbTime.ToText(lockAt), callId }, transaction, cancellationToken: cancellation));

    /// <summary>Alerts in <paramref name="state"/> (<see cref="PinAlarm.Open"/>, <see cref="PinAlarm.Acknowledged"/>, or
    /// null for both), newest first, at most <see cref="MaxListed"/>.</summary>
    public async Task<IReadOnlyList<PinAlarm>> ListAsync(string? state, CancellationToken cancellation)
    {
        var where = state switch
        {
            PinAlarm.Open => "WHERE acknowledged_at IS NULL",
            PinAlarm.Acknowledged => "WHERE acknowledged_at IS NOT NULL",
            null => "",
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "open, acknowledged or null"),
        };
        var rows = await connection.QueryAsync<PinAlarmRow>(new CommandDefinition(
            $"SELECT {PinAlarmRow.Columns} FROM pin_alarms {where} ORDER BY raised_at DESC, id DESC LIMIT {MaxListed};",
            transaction: transaction, cancellationToken: cancellation)).ConfigureAwait(false);
        var alarms = new List<PinAlarm>();
        foreach (var row in rows) alarms.Add(await WithIdsAsync(row.ToAlarm(), cancellation).ConfigureAwait(false));
        return alarms;
    }

    public async Task<PinAlarm?> FindAsync(long id, CancellationToken cancellation)
        => await connection.QuerySingleOrDefaultAsync<PinAlarmRow>(new CommandDefinition(
            $"SELECT {PinAlarmRow.Columns} FROM pin_alarms WHERE id = @id;", new { id }, transaction, cancellationToken: cancellation))
            .ConfigureAwait(false) is { } row ? await WithIdsAsync(row.ToAlarm(), cancellation).ConfigureAwait(false) : null;

    /// <summary>Acknowledges alert <paramref name="id"/>; false when it does not exist or was acknowledged already
    /// (the first acknowledgement stays).</summary>
    public async Task<bool> AcknowledgeAsync(long id, string by, DateTimeOffset at, string? comment, CancellationToken cancellation)
        => await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE pin_alarms SET acknowledged_at = @at, acknowledged_by = @by, ack_comment = @comment
            WHERE id = @id AND acknowledged_at IS NULL;
            """, new { id, by, at = DbTime.ToText(at), comment }, transaction, cancellationToken: cancellation)).ConfigureAwait(false) == 1;

    private async Task<PinAlarm> WithIdsAsync(PinAlarm alarm, CancellationToken cancellation)
        => alarm with
        {
            IdsMasked = await new PinLockOriginStore(connection, transaction)
                .IdsMaskedAsync(alarm.Kind, alarm.OriginKey, alarm.FirstLockAt, alarm.LastLockAt, cancellation).ConfigureAwait(false),
        };
}
