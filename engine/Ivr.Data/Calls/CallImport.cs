using System.Data.Common;
using Ivr.Core.Calls;
using Ivr.Core.Privacy;
using Ivr.Data.Operations;
using Ivr.Data.Rollups;
using Npgsql;

namespace Ivr.Data.Calls;

/// <summary>A whole recorded call: its start, its events, once it has ended when and how, and its survey answers.</summary>
public sealed record ImportedCall(CallStart Start, IReadOnlyList<CallEvent> Events, DateTimeOffset? EndedAt, string? Disposition,
    IReadOnlyList<ImportedSurvey>? Surveys = null);

/// <summary>A survey answer (1 satisfied, 2 fair, 3 dissatisfied) given in an imported call.</summary>
public sealed record ImportedSurvey(int Score, DateTimeOffset At);

/// <summary>
/// Bulk loads of whole calls (benchmarks, imports) through one connection, a transaction per <see cref="Write"/> of
/// thousands of calls, rows written in bulk (<see cref="BulkRows"/>: PostgreSQL's binary COPY, SQLite's multi-row inserts). An ended call is written as the recorder leaves it once rolled up — one row with its end, its
/// path and <c>rolled_up = 1</c> — and added to the statistics rollups from its events in memory, with the recorder's
/// arithmetic (<see cref="RollupTally"/>, <see cref="CallEventWalk.Of"/>), so nothing is read back, its survey answers
/// with it (rolled up too); a call still in
/// progress goes through the recorder's own statements (<see cref="CallWriteBatch"/>). On SQLite the import has its own
/// connection (<see cref="SqliteBulkConnection"/>): a fresh database is loaded without a journal, one with calls keeps its WAL;
/// on PostgreSQL a fresh database is loaded without the events' foreign key, checked once at the end (<see cref="PostgresBulkSession"/>).
/// </summary>
public sealed class CallImport : IDisposable
{
    private static readonly string[] CallColumns =
        ["id", "caller", "caller_masked", "dialled", "flow", "flow_version", "started_at", "node", "caller_tail", "ended_at", "disposition", "rolled_up", "path"];

    private static readonly string[] SurveyColumns = ["call_id", "score", "at", "rolled_up"];

    private readonly DbConnection _connection;
    private readonly string? _node;
    private readonly IDisposable _session;

    /// <param name="session">What the load changed on its connection, put back when it ends.</param>
    private CallImport(DbConnection connection, string? node, IDisposable session)
    {
        _connection = connection;
        _node = node;
        _session = session;
    }

    /// <param name="node">The node named as having answered the calls (<c>calls.node</c>).</param>
    public static CallImport Open(IvrDatabase database, string? node = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Dialect == DatabaseDialect.Sqlite)
        {
            var bulk = SqliteBulkConnection.Open(database.ConnectionString);
            return new CallImport(bulk.Connection, node, bulk);
        }

        var connection = (NpgsqlConnection)database.OpenConnection();
        try
        {
            return new CallImport(connection, node, PostgresBulkSession.Open(connection));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="calls"/> (new call ids) in one transaction, their rollups included.</summary>
    public void Write(IReadOnlyList<ImportedCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        using var transaction = _connection.BeginWrite();
        var tally = new RollupTally();
        var open = new List<object>();
        var ended = new List<ImportedCall>(calls.Count);
        using (var rows = BulkRows.Open(_connection, transaction, "calls", CallColumns))
        {
            foreach (var call in calls)
            {
                if (call is not { EndedAt: { } end, Disposition: { } disposition })
                {
                    open.Add(call.Start);
                    open.AddRange(call.Events);
                    continue;
                }

                var (start, walked) = (call.Start, CallEventWalk.Of(call.Events));
                var startedAt = DbTime.ToText(start.At);
                rows.Add(start.CallId, start.Caller, Mask.Phone(start.Caller), start.Dialled, start.Flow, start.FlowVersion,
                    startedAt, _node, CallerTail.Of(start.Caller), DbTime.ToText(end), disposition, 1L, CallPathText.Join(walked.Path));
                tally.Add(new CallFacts(start.CallId, start.FlowVersion, start.At, end, disposition, walked.Served, walked.Path), _node, startedAt);
                ended.Add(call);
            }
            rows.Flush();
        }

        using (var events = BulkRows.Open(_connection, transaction, "call_events", CallWriteBatch.EventColumns))
        {
            foreach (var call in ended) // after their calls' rows
                foreach (var e in call.Events)
                    events.Add(CallWriteBatch.EventValues(e.CallId == call.Start.CallId ? e : throw new ArgumentException($"an event of call {e.CallId} is given with call {call.Start.CallId}", nameof(calls))));
            events.Flush();
        }

        using (var surveys = BulkRows.Open(_connection, transaction, "surveys", SurveyColumns))
        {
            foreach (var call in calls)
            {
                var rolledUp = call is { EndedAt: not null, Disposition: not null };
                foreach (var survey in call.Surveys ?? [])
                {
                    surveys.Add(call.Start.CallId, (long)survey.Score, DbTime.ToText(survey.At), rolledUp ? 1L : 0L);
                    if (rolledUp) tally.AddSurvey(call.Start.FlowVersion, survey.Score, survey.At);
                }
            }
            surveys.Flush();
        }

        if (open.Count > 0) CallWriteBatch.Write(_connection, transaction, open, _node);
        tally.Write(_connection, transaction);
        transaction.Commit();
    }

    public void Dispose()
    {
        try
        {
            _session.Dispose(); // the SQLite session closes its own connection
        }
        finally
        {
            _connection.Dispose();
        }
    }
}
