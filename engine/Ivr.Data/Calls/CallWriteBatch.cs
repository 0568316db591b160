using Ivr.Core.Calls;
using Ivr.Core.Privacy;
using Microsoft.Data.Sqlite;

namespace Ivr.Data.Calls;

/// <summary>
/// The write side of the <c>calls</c> / <c>call_events</c> SQL: three prepared commands bound to
/// one transaction, reused for every item of a batch.
/// </summary>
internal sealed class CallWriteBatch : IDisposable
{
    private readonly SqliteCommand _insertCall;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _endCall;

    public CallWriteBatch(SqliteConnection connection, SqliteTransaction transaction)
    {
        _insertCall = PreparedCommand.Prepare(connection, transaction, """
            INSERT INTO calls (id, caller, caller_masked, dialled, flow, flow_version, started_at)
            VALUES ($id, $caller, $masked, $dialled, $flow, $version, $at);
            """, "$id", "$caller", "$masked", "$dialled", "$flow", "$version", "$at");
        _insertEvent = PreparedCommand.Prepare(connection, transaction, """
            INSERT INTO call_events (call_id, seq, at, kind, node, outcome, detail, flow_version)
            VALUES ($id, $seq, $at, $kind, $node, $outcome, $detail, $version);
            """, "$id", "$seq", "$at", "$kind", "$node", "$outcome", "$detail", "$version");
        _endCall = PreparedCommand.Prepare(connection, transaction, """
            UPDATE calls SET ended_at = $at, disposition = $disposition WHERE id = $id;
            """, "$id", "$at", "$disposition");
    }

    /// <summary>Writes one queued item; unknown items are a programming error.</summary>
    public void Write(object item)
    {
        switch (item)
        {
            case CallStart start:
                PreparedCommand.Run(_insertCall, start.CallId, start.Caller, Mask.Phone(start.Caller), start.Dialled, start.Flow,
                    start.FlowVersion, DbTime.ToText(start.At));
                break;
            case CallEvent e:
                PreparedCommand.Run(_insertEvent, e.CallId, e.Sequence, DbTime.ToText(e.At), e.Kind.ToString(), e.Node, e.Outcome,
                    e.Detail, e.FlowVersion);
                break;
            case CallEnd end:
                PreparedCommand.Run(_endCall, end.CallId, DbTime.ToText(end.At), end.Disposition);
                break;
            default:
                throw new ArgumentException($"Unknown call write {item.GetType().Name}.", nameof(item));
        }
    }

    public void Dispose()
    {
        _insertCall.Dispose();
        _insertEvent.Dispose();
        _endCall.Dispose();
    }
}
