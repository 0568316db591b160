using System.Data;
using Dapper;
using Ivr.Core.Calendar;

namespace Ivr.Data.Messages;

/// <summary>The SQL of <c>voice_messages</c>.</summary>
public sealed class VoiceMessageRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    /// <returns>The new message's id.</returns>
    public Task<long> InsertAsync(string callId, string recording, string callbackNumber, string reason,
        DateTimeOffset createdAt, DateOnly dueDate, CancellationToken cancellation)
        => InsertAsync(callId, recording, callbackNumber, reason, createdAt, WorkingDayDate.Plain(dueDate), cancellation);

    /// <summary>Stores a message due <paramref name="due"/>, marked <c>due_beyond_calendar</c> when the date was counted past the calendar (M018).</summary>
    /// <returns>The new message's id.</returns>
    public Task<long> InsertAsync(string callId, string recording, string callbackNumber, string reason,
        DateTimeOffset createdAt, WorkingDayDate due, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO voice_messages (call_id, recording, callback_number, reason, created_at, due_date, status, due_beyond_calendar)
            VALUES (@callId, @recording, @callbackNumber, @reason, @createdAt, @dueDate, 'new', @beyond)
            RETURNING id;
            """, new { callId, recording, callbackNumber, reason, createdAt = DbTime.ToText(createdAt), dueDate = DbTime.ToText(due.Date), beyond = due.BeyondCalendar ? 1 : 0 },
            transaction, cancellationToken: cancellation));

    /// <summary>
    /// Stores a recording a crash cut short (recovered at start) as an incomplete message to call back: the reason is
    /// <c>voice_message</c>, the callback number the caller's (empty when the call is unknown).
    /// </summary>
    public Task<long> InsertIncompleteAsync(string callId, string recording, string callbackNumber, DateTimeOffset createdAt, WorkingDayDate due, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO voice_messages (call_id, recording, callback_number, reason, created_at, due_date, status, incomplete, due_beyond_calendar)
            VALUES (@callId, @recording, @callbackNumber, 'voice_message', @createdAt, @dueDate, 'new', 1, @beyond)
            RETURNING id;
            """, new { callId, recording, callbackNumber, createdAt = DbTime.ToText(createdAt), dueDate = DbTime.ToText(due.Date), beyond = due.BeyondCalendar ? 1 : 0 },
            transaction, cancellationToken: cancellation));

    /// <summary>Whether a message already names <paramref name="recording"/> (a recovery that ran before).</summary>
    public async Task<bool> HasRecordingAsync(string recording, CancellationToken cancellation)
        => await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM voice_messages WHERE recording = @recording;", new { recording }, transaction, cancellationToken: cancellation)) > 0;

    /// <summary>Whether the message a call left at <paramref name="createdAt"/> is stored (a spooled message is written once).</summary>
    public Task<bool> ExistsAsync(string callId, DateTimeOffset createdAt, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM voice_messages WHERE call_id = @callId AND created_at = @createdAt);",
            new { callId, createdAt = DbTime.ToText(createdAt) }, transaction, cancellationToken: cancellation));

    /// <summary>Messages not yet called back, earliest due first.</summary>
    public async Task<IReadOnlyList<VoiceMessage>> OpenAsync(int limit, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(long Id, string CallId, string Recording, string Callback, string Reason, string CreatedAt, string DueDate, string Status, string? Outcome, long Incomplete, long Beyond)>(
            new CommandDefinition("""
                SELECT id, call_id, recording, callback_number, reason, created_at, due_date, status, outcome, incomplete, due_beyond_calendar
                FROM voice_messages WHERE status <> 'called_back' ORDER BY due_date, id LIMIT @limit;
                """, new { limit }, transaction, cancellationToken: cancellation));
        return rows.Select(r => new VoiceMessage(r.Id, r.CallId, r.Recording, r.Callback, r.Reason, DbTime.FromText(r.CreatedAt),
            DbTime.DateFromText(r.DueDate), FromText(r.Status), r.Outcome, r.Incomplete != 0, r.Beyond != 0)).ToList();
    }

    public async Task<bool> SetStatusAsync(long id, VoiceMessageStatus status, string? outcome, CancellationToken cancellation)
        => await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE voice_messages SET status = @status, outcome = @outcome WHERE id = @id;",
            new { id, status = ToText(status), outcome }, transaction, cancellationToken: cancellation)) == 1;

    internal static string ToText(VoiceMessageStatus status) => status switch
    {
        VoiceMessageStatus.Assigned => "assigned",
        VoiceMessageStatus.CalledBack => "called_back",
        _ => "new",
    };

    private static VoiceMessageStatus FromText(string text) => text switch
    {
        "assigned" => VoiceMessageStatus.Assigned,
        "called_back" => VoiceMessageStatus.CalledBack,
        _ => VoiceMessageStatus.New,
    };
}
