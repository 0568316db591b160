using System.Data;
using Dapper;

namespace Ivr.Data.Security;

/// <summary>
/// The pages of <c>pin_alarms</c> as an outbox: a node claims due pages (a conditional update, so two nodes never
/// claim one page at once), sends each, then records it paged, due again later, or given up — each only while its
/// claim is still its own. A claim that outlives its node expires, and another node takes the page up.
/// </summary>
public sealed class PinAlarmOutbox(IDbConnection connection)
{
    /// <summary>Claims up to <paramref name="limit"/> pending pages due at <paramref name="now"/> and raised after
    /// <paramref name="stale"/> (an older alert is no news to page), for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<PinAlarm>> ClaimDueAsync(string claim, DateTimeOffset now, TimeSpan lease, DateTimeOffset stale, int limit,
        CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<PinAlarmRow>(new CommandDefinition($"""
            UPDATE pin_alarms SET page_claim = @claim, page_claimed_until = @until
            WHERE id IN (SELECT id FROM pin_alarms WHERE page_state = @pending AND page_next_at <= @now AND raised_at > @stale
                         AND (page_claimed_until IS NULL OR page_claimed_until <= @now) ORDER BY id LIMIT @limit)
              AND page_state = @pending AND (page_claimed_until IS NULL OR page_claimed_until <= @now)
            RETURNING {PinAlarmRow.Columns};
            """, new
            {
                claim, now = DbTime.ToText(now), until = DbTime.ToText(now + lease), stale = DbTime.ToText(stale), limit,
                pending = PinAlarm.Pending,
            }, cancellationToken: cancellation)).ConfigureAwait(false);
        return rows.Select(r => r.ToAlarm()).OrderBy(a => a.Id).ToList();
    }

    /// <summary>Records try <paramref name="tries"/> of alert <paramref name="id"/>: <paramref name="state"/>
    /// (<see cref="PinAlarm.Paged"/>, <see cref="PinAlarm.GivenUp"/>, or <see cref="PinAlarm.Pending"/> again from
    /// <paramref name="nextAt"/>), and releases the claim; false when the claim was no longer ours.</summary>
    public async Task<bool> RecordTryAsync(long id, string claim, string state, int tries, DateTimeOffset at, DateTimeOffset nextAt,
        CancellationToken cancellation)
        => await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE pin_alarms SET page_state = @state, page_tries = @tries, page_next_at = @nextAt,
                                  paged_at = CASE WHEN @state = @paged THEN @at ELSE paged_at END,
                                  page_claim = NULL, page_claimed_until = NULL
            WHERE id = @id AND page_claim = @claim;
            """, new { id, claim, state, tries, at = DbTime.ToText(at), nextAt = DbTime.ToText(nextAt), paged = PinAlarm.Paged },
            cancellationToken: cancellation)).ConfigureAwait(false) == 1;
}
