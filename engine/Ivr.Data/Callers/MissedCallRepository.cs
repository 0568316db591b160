using System.Data;
using Dapper;

namespace Ivr.Data.Callers;

/// <summary>The 回拨 list (<see cref="MissedCallRule"/>) and agents' "called back" marks (<c>callback_marks</c>, M014, M019).</summary>
public sealed class MissedCallRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    /// <summary>Caller numbers with missed calls started at or after <paramref name="since"/> that are still to be called back
    /// (never marked, or last marked no answer / rescheduled) and were not served since, most recent miss first.</summary>
    public Task<IReadOnlyList<MissedCaller>> OpenAsync(DateTimeOffset since, int limit, CancellationToken cancellation)
        => ListAsync(since, limit, includeClosed: false, cancellation);

    /// <summary>As <see cref="OpenAsync"/>; with <paramref name="includeClosed"/> also the numbers whose last missed calls
    /// a mark closed (resolved, invalid number, other) and that missed no call since, with that mark.</summary>
    public async Task<IReadOnlyList<MissedCaller>> ListAsync(DateTimeOffset since, int limit, bool includeClosed, CancellationToken cancellation)
    {
        var args = new { since = DbTime.ToText(since) };
        var missed = await connection.QueryAsync<(string Id, string Caller, string StartedAt)>(new CommandDefinition($"""
            SELECT c.id, c.caller, c.started_at FROM calls c
            WHERE c.started_at >= @since AND {MissedCallRule.MissedSql} ORDER BY c.started_at, c.id;
            """, args, transaction, cancellationToken: cancellation));
        var served = (await connection.QueryAsync<(string Caller, string At)>(new CommandDefinition(
                $"SELECT c.caller, MAX(c.started_at) FROM calls c WHERE c.started_at >= @since AND {MissedCallRule.ServedSql} GROUP BY c.caller;",
                args, transaction, cancellationToken: cancellation)))
            .ToDictionary(r => r.Caller, r => DbTime.FromText(r.At), StringComparer.Ordinal);
        var marks = (await connection.QueryAsync<(string Caller, string Outcome, string? Note, string MarkedBy, string MarkedAt)>(new CommandDefinition("""
                SELECT caller, outcome, note, marked_by, marked_at FROM callback_marks WHERE marked_at >= @since ORDER BY marked_at, id;
                """, args, transaction, cancellationToken: cancellation)))
            .ToLookup(m => m.Caller, m => new CallbackMark(m.Outcome, m.Note, m.MarkedBy, DbTime.FromText(m.MarkedAt)), StringComparer.Ordinal);
        return missed
            .Where(m => !MissedCallRule.IsWithheld(m.Caller))
            .Select(m => (m.Id, m.Caller, At: DbTime.FromText(m.StartedAt)))
            .GroupBy(m => m.Caller, StringComparer.Ordinal)
            .Select(g =>
            {
                var servedAt = served.GetValueOrDefault(g.Key);
                return MissedCallEpisodes.RowOf(g.Key, g.Where(m => m.At > servedAt).Select(m => (m.Id, m.At)), marks[g.Key].Where(k => k.MarkedAt > servedAt));
            })
            .OfType<MissedCaller>()
            .Where(r => includeClosed || r.Open)
            .OrderByDescending(r => r.LastMissedAt)
            .Take(limit)
            .ToList();
    }

    /// <summary>The caller of a call, or null when there is no such call.</summary>
    public Task<string?> CallerOfAsync(string callId, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT caller FROM calls WHERE id = @callId;", new { callId }, transaction, cancellationToken: cancellation));

    /// <summary>Marks <paramref name="caller"/> called back by <paramref name="user"/> with one of <see cref="CallbackOutcomes"/>
    /// and an optional note: its missed calls so far leave the list, unless the outcome keeps them there.</summary>
    public Task MarkCalledBackAsync(string caller, string callId, string user, string outcome, string? note, DateTimeOffset at, CancellationToken cancellation)
    {
        if (!CallbackOutcomes.IsKnown(outcome)) throw new ArgumentException($"unknown callback outcome '{outcome}'", nameof(outcome));
        return connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO callback_marks (caller, call_id, marked_at, marked_by, outcome, note) VALUES (@caller, @callId, @at, @user, @outcome, @note);
            """, new { caller, callId, at = DbTime.ToText(at), user, outcome, note }, transaction, cancellationToken: cancellation));
    }
}
