using System.Data;
using Dapper;
using Ivr.Core.Privacy;

namespace Ivr.Data.Security;

/// <summary>The SQL of <c>pin_alerts</c>. The number is stored as received (it is what operators act
/// on) and read back only masked.</summary>
public sealed class PinAlertStore(IDbConnection connection, IDbTransaction? transaction = null)
{
    public Task AddAsync(DateTimeOffset at, string caller, string callId, int idsLocked, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO pin_alerts (at, caller, call_id, ids_locked) VALUES (@at, @caller, @callId, @idsLocked);",
            new { at = DbTime.ToText(at), caller, callId, idsLocked }, transaction, cancellationToken: cancellation));

    /// <summary>The latest alerts, newest first, numbers masked.</summary>
    public async Task<IReadOnlyList<PinAlert>> RecentAsync(int limit, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(string At, string Caller, string CallId, long IdsLocked)>(new CommandDefinition(
            "SELECT at, caller, call_id, ids_locked FROM pin_alerts ORDER BY id DESC LIMIT @limit;",
            new { limit }, transaction, cancellationToken: cancellation)).ConfigureAwait(false);
        return rows.Select(r => new PinAlert(DbTime.FromText(r.At), Mask.Phone(r.Caller), r.CallId, (int)r.IdsLocked)).ToList();
    }
}
