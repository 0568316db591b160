using System.Data;
using Dapper;

namespace Ivr.Data.Operations;

/// <summary>
/// Voice messages and follow-ups joined with <c>work_assignments</c> (who works one, who finished it
/// and when). Assigning moves a new item to <c>assigned</c>; completing moves it to
/// <c>called_back</c> (messages) or <c>done</c> (follow-ups) with the outcome.
/// </summary>
public sealed class WorkItemRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    private const string MessageSelect = """
        SELECT 'message' AS kind, m.id, m.call_id AS CallId, m.recording, m.callback_number AS CallbackNumber, m.reason, m.created_at AS CreatedAt, m.due_date AS DueDate, m.status, m.outcome,
               a.assigned_to AS AssignedTo, a.assigned_at AS AssignedAt, a.done_at AS DoneAt, a.done_by AS DoneBy, m.incomplete AS Incomplete,
               m.emergency_at AS EmergencyAt, m.emergency_by AS EmergencyBy, m.due_beyond_calendar AS DueBeyondCalendar
        FROM voice_messages m LEFT JOIN work_assignments a ON a.item_kind = 'message' AND a.item_id = m.id
        """;

    private const string FollowUpSelect = """
        SELECT 'follow_up' AS kind, f.id, f.call_id AS CallId, NULL AS recording, NULL AS CallbackNumber, f.reason, f.created_at AS CreatedAt, f.due_date AS DueDate, f.status, f.outcome,
               a.assigned_to AS AssignedTo, a.assigned_at AS AssignedAt, a.done_at AS DoneAt, a.done_by AS DoneBy, 0 AS Incomplete,
               NULL AS EmergencyAt, NULL AS EmergencyBy, f.due_beyond_calendar AS DueBeyondCalendar
        FROM follow_ups f LEFT JOIN work_assignments a ON a.item_kind = 'follow_up' AND a.item_id = f.id
        """;

    /// <summary>Items earliest due first — messages marked emergency, then complaints (<see cref="Messages.ComplaintKinds"/>),
    /// before the rest; <paramref name="openOnly"/> leaves out finished ones,
    /// <paramref name="assignedTo"/> keeps only one user's.</summary>
    public async Task<IReadOnlyList<WorkItem>> ListAsync(WorkItemKind kind, bool openOnly, string? assignedTo, int limit, CancellationToken cancellation)
    {
        var (select, alias, done) = kind == WorkItemKind.Message ? (MessageSelect, "m", "called_back") : (FollowUpSelect, "f", "done");
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            {select}
            WHERE (@openOnly = 0 OR {alias}.status <> '{done}') AND (@assignedTo IS NULL OR a.assigned_to = @assignedTo)
            ORDER BY {Priority(kind)}{alias}.due_date, {alias}.id LIMIT @limit;
            """, new { openOnly = openOnly ? 1 : 0, assignedTo, limit }, transaction, cancellationToken: cancellation));
        return rows.Select(ToItem).ToList();
    }

    public async Task<WorkItem?> FindAsync(WorkItemKind kind, long id, CancellationToken cancellation)
    {
        var (select, alias) = kind == WorkItemKind.Message ? (MessageSelect, "m") : (FollowUpSelect, "f");
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{select} WHERE {alias}.id = @id;",
            new { id }, transaction, cancellationToken: cancellation));
        return row is null ? null : ToItem(row);
    }

    /// <summary>Gives the item to <paramref name="user"/>; a finished item keeps its status.</summary>
    public async Task AssignAsync(WorkItemKind kind, long id, string user, DateTimeOffset at, CancellationToken cancellation)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO work_assignments (item_kind, item_id, assigned_to, assigned_at) VALUES (@kind, @id, @user, @at)
            ON CONFLICT (item_kind, item_id) DO UPDATE SET assigned_to = excluded.assigned_to, assigned_at = excluded.assigned_at;
            """, new { kind = KindText(kind), id, user, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation));
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {Table(kind)} SET status = 'assigned' WHERE id = @id AND status = 'new';", new { id }, transaction, cancellationToken: cancellation));
    }

    /// <summary>Marks the item finished by <paramref name="user"/> with <paramref name="outcome"/>.</summary>
    public async Task CompleteAsync(WorkItemKind kind, long id, string user, string outcome, DateTimeOffset at, CancellationToken cancellation)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO work_assignments (item_kind, item_id, done_at, done_by) VALUES (@kind, @id, @at, @user)
            ON CONFLICT (item_kind, item_id) DO UPDATE SET done_at = excluded.done_at, done_by = excluded.done_by;
            """, new { kind = KindText(kind), id, user, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation));
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {Table(kind)} SET status = @status, outcome = @outcome WHERE id = @id;",
            new { id, outcome, status = kind == WorkItemKind.Message ? "called_back" : "done" }, transaction, cancellationToken: cancellation));
    }

    /// <summary>The leading sort keys of messages (emergency, then complaint); none for follow-ups (a bare 0 would
    /// name a column position).</summary>
    private static string Priority(WorkItemKind kind) => kind == WorkItemKind.Message
        ? $"CASE WHEN m.emergency_at IS NOT NULL THEN 0 WHEN m.reason LIKE '{Messages.ComplaintKinds.ReasonPrefix}%' THEN 1 ELSE 2 END, "
        : "";

    private static string Table(WorkItemKind kind) => kind == WorkItemKind.Message ? "voice_messages" : "follow_ups";

    private static string KindText(WorkItemKind kind) => kind == WorkItemKind.Message ? "message" : "follow_up";

    private static WorkItem ToItem(Row r) => new(
        r.Kind == "message" ? WorkItemKind.Message : WorkItemKind.FollowUp, r.Id, r.CallId, r.Recording, r.CallbackNumber, r.Reason,
        DbTime.FromText(r.CreatedAt), DbTime.DateFromText(r.DueDate), r.Status, r.Outcome, r.AssignedTo,
        DbTime.FromNullableText(r.AssignedAt), DbTime.FromNullableText(r.DoneAt), r.DoneBy, r.Incomplete != 0,
        DbTime.FromNullableText(r.EmergencyAt), r.EmergencyBy, r.DueBeyondCalendar != 0);

    private sealed class Row
    {
        public string Kind { get; set; } = "";
        public long Id { get; set; }
        public string CallId { get; set; } = "";
        public string? Recording { get; set; }
        public string? CallbackNumber { get; set; }
        public string Reason { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string DueDate { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Outcome { get; set; }
        public string? AssignedTo { get; set; }
        public string? AssignedAt { get; set; }
        public string? DoneAt { get; set; }
        public string? DoneBy { get; set; }

        public long Incomplete { get; set; }

        public string? EmergencyAt { get; set; }

        public string? EmergencyBy { get; set; }

        public long DueBeyondCalendar { get; set; }
    }
}
