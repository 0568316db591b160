using System.Data;
using Dapper;
using Ivr.Core.Calendar;

namespace Ivr.Data.FollowUps;

/// <summary>The SQL of <c>follow_ups</c>.</summary>
public sealed class FollowUpRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    /// <returns>The new follow-up's id.</returns>
    public Task<long> InsertAsync(string callId, string reason, DateTimeOffset createdAt, DateOnly dueDate, CancellationToken cancellation)
        => InsertAsync(callId, reason, createdAt, WorkingDayDate.Plain(dueDate), cancellation);

    /// <summary>Stores a follow-up due <paramref name="due"/>, marked <c>due_beyond_calendar</c> when the date was counted past the calendar (M018).</summary>
    /// <returns>The new follow-up's id.</returns>
    public Task<long> InsertAsync(string callId, string reason, DateTimeOffset createdAt, WorkingDayDate due, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO follow_ups (call_id, reason, created_at, due_date, status, due_beyond_calendar)
            VALUES (@callId, @reason, @createdAt, @dueDate, 'new', @beyond)
            RETURNING id;
            """, new { callId, reason, createdAt = DbTime.ToText(createdAt), dueDate = DbTime.ToText(due.Date), beyond = due.BeyondCalendar ? 1 : 0 },
            transaction, cancellationToken: cancellation));

    /// <summary>Whether the call's follow-up of this reason, made at <paramref name="createdAt"/>, is stored (a spooled one written before).</summary>
    public Task<bool> ExistsAsync(string callId, string reason, DateTimeOffset createdAt, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM follow_ups WHERE call_id = @callId AND reason = @reason AND created_at = @createdAt);",
            new { callId, reason, createdAt = DbTime.ToText(createdAt) }, transaction, cancellationToken: cancellation));

    public async Task<IReadOnlyList<FollowUp>> ForCallAsync(string callId, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(long Id, string CallId, string Reason, string CreatedAt, string DueDate, string Status, string? Outcome, long Beyond)>(
            new CommandDefinition("""
                SELECT id, call_id, reason, created_at, due_date, status, outcome, due_beyond_calendar
                FROM follow_ups WHERE call_id = @callId ORDER BY id;
                """, new { callId }, transaction, cancellationToken: cancellation));
        return rows.Select(r => new FollowUp(r.Id, r.CallId, r.Reason, DbTime.FromText(r.CreatedAt), DbTime.DateFromText(r.DueDate),
            r.Status switch { "assigned" => FollowUpStatus.Assigned, "done" => FollowUpStatus.Done, _ => FollowUpStatus.New },
            r.Outcome, r.Beyond != 0)).ToList();
    }
}
