using System.Data.Common;
using Dapper;
using Ivr.Core.Calls;

namespace Ivr.Data.Calls;

/// <summary>
/// The one walk over calls' events that rebuilds their paths: the statistics rollups (which also need
/// <see cref="WalkedCall.Served"/>), the <c>calls.path</c> written as a call is rolled up or backfilled, and the
/// search's paths of calls still in progress all read it here.
/// </summary>
internal static class CallEventWalk
{
    /// <summary>The most calls read at once (SQLite binds one parameter per id).</summary>
    public const int Chunk = 500;

    /// <returns>The calls of <paramref name="ids"/> that have any such event; a call without one walked nowhere.</returns>
    public static Dictionary<string, WalkedCall> Read(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> ids)
    {
        var walked = new Dictionary<string, WalkedCall>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            foreach (var (callId, kind, node) in connection.Query<(string CallId, string Kind, string? Node)>($"""
                SELECT call_id, kind, node FROM call_events
                WHERE {connection.InList("call_id", "ids")}
                  AND ((kind = '{nameof(CallEventKind.NodeEntered)}' AND node IS NOT NULL) OR kind = '{nameof(CallEventKind.LookupCompleted)}')
                ORDER BY call_id, seq;
                """, new { ids = chunk }, transaction))
            {
                if (!walked.TryGetValue(callId, out var call)) walked[callId] = call = new WalkedCall([], false);
                if (kind == nameof(CallEventKind.LookupCompleted)) walked[callId] = call with { Served = true };
                else call.Path.Add(node!);
            }
        }
        return walked;
    }
}
