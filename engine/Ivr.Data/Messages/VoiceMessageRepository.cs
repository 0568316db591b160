using System.Data;
using Dapper;

namespace Ivr.Data.Messages;

/// <summary>The SQL of <c>voice_messages</c>.</summary>
public sealed class VoiceMessageRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    /// <returns>The new message's id.</returns>
    public Task<long> InsertAsync(string callId, string recording, string callbackNumber, string reason,
        DateTimeOffset createdAt, DateOnly dueDate, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO voice_messages (call_id, recording, callback_number, reason, created_at, due_date, status)
            VALUES (@callId, @recording, @callbackNumber, @reason, @createdAt, @dueDate, 'new')
            RETURNING id;
            """, new { callId, recording, callbackNumber, reason, createdAt = DbTime.ToText(createdAt), dueDate = DbTime.ToText(dueDate) },
            transaction, cancellationToken: cancellation));

    /// <summary>Whether the message a call left at <paramref name="createdAt"/> is stored (a spooled message is written once).</summary>
    public Task<bool> ExistsAsync(string callId, DateTimeOffset createdAt, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM voice_messages WHERE call_id = @callId AND created_at = @createdAt);",
            new { callId, createdAt = DbTime.ToText(createdAt) }, transaction, cancellationToken: cancellation));

    /// <summary>Messages not yet called back, earliest due first.</summary>
    public async Task<IReadOnlyList<VoiceMessage>> OpenAsync(int limit, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(long Id, string CallId, string Recording, string Callback, string Reason, string CreatedAt, string DueDate, string Status, string? Outcome)>(
            new CommandDefinition("""
                SELECT id, call_id, recording, callback_number, reason, created_at, due_date, status, outcome
                FROM voice_messages WHERE status <> 'called_back' ORDER BY due_date, id LIMIT @limit;
                """, new { limit }, transaction, cancellationToken: cancellation));
        return rows.Select(r => new VoiceMessage(r.Id, r.CallId, r.Recording, r.Callback, r.Reason, DbTime.FromText(r.CreatedAt),
            DbTime.DateFromText(r.DueDate), FromText(r.Status), r.Outcome)).ToList();
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
