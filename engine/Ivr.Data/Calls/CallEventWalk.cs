using System.Data.Common;
using Dapper;
using Ivr.Core.Calls;

namespace Ivr.Data.Calls;

/// <summary>
/// The one walk over calls' events that rebuilds their paths: the statistics rollups (which also need
/// <see cref="WalkedCall.Served"/>), the <c>calls.path</c> written as a call is rolled up or backfilled, and the
/// search's paths of calls still in progress all read it here; a bulk import walks its calls' events in memory the same way.
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
                walked[callId] = Step(walked.GetValueOrDefault(callId) ?? new WalkedCall([], false), kind, node);
            }
        }
        return walked;
    }

    /// <summary>The same walk over one call's events in memory (a bulk import's, before they are written).</summary>
    public static WalkedCall Of(IEnumerable<CallEvent> events)
    {
        var call = new WalkedCall([], false);
        foreach (var e in events.OrderBy(e => e.Sequence)) call = Step(call, e.Kind.ToString(), e.Node);
        return call;
    }

    private static WalkedCall Step(WalkedCall call, string kind, string? node)
    {
        if (kind == nameof(CallEventKind.LookupCompleted)) return call with { Served = true };
        if (kind == nameof(CallEventKind.NodeEntered) && node is not null) call.Path.Add(node);
        return call;
    }
}
