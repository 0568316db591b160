using System.Data;
using Dapper;

namespace Ivr.Data.Messages;

/// <summary>The emergency mark of <c>voice_messages</c>.</summary>
public sealed class EmergencyMarks(IDbConnection connection, IDbTransaction? transaction = null)
{
    /// <summary>Marks the message; false when there is no such message or it is marked already (one page per message).</summary>
    public async Task<bool> MarkAsync(long id, string user, DateTimeOffset at, CancellationToken cancellation)
        => await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE voice_messages SET emergency_at = @at, emergency_by = @user WHERE id = @id AND emergency_at IS NULL;",
            new { id, user, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation)) == 1;

    /// <summary>Emergency messages not yet called back, newest mark first: the console's banner.</summary>
    public async Task<IReadOnlyList<EmergencyMessage>> OpenAsync(int limit, CancellationToken cancellation)
        => (await connection.QueryAsync<(long Id, string CallId, string Reason, string CreatedAt, string MarkedAt, string MarkedBy)>(new CommandDefinition("""
            SELECT id, call_id, reason, created_at, emergency_at, emergency_by FROM voice_messages
            WHERE emergency_at IS NOT NULL AND status <> 'called_back' ORDER BY emergency_at DESC, id DESC LIMIT @limit;
            """, new { limit }, transaction, cancellationToken: cancellation)))
            .Select(r => new EmergencyMessage(r.Id, r.CallId, r.Reason, DbTime.FromText(r.CreatedAt), DbTime.FromText(r.MarkedAt), r.MarkedBy)).ToList();
}
