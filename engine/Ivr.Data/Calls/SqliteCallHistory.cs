using Dapper;
using Ivr.Core.Calls;

namespace Ivr.Data.Calls;

/// <summary>
/// Reads calls back from the database. A summary's <see cref="CallSummary.Path"/> is the nodes the call
/// entered, in order: an ended call's kept path (<c>calls.path</c>, migration 17), so it survives the pruning of its
/// events; a call in progress, or ended but not yet rolled up or backfilled, from its <c>NodeEntered</c> events.
/// The caller is only ever read masked.
/// </summary>
public sealed class SqliteCallHistory(IvrDatabase database) : ICallHistory
{
    private const string SelectCalls = """
        SELECT id AS Id, caller_masked AS CallerMasked, dialled AS Dialled, flow_version AS FlowVersion,
               started_at AS StartedAt, ended_at AS EndedAt, disposition AS Disposition, path AS Path
        FROM calls
        """;

    private const string SelectEvents = """
        SELECT call_id AS CallId, seq AS Seq, at AS At, kind AS Kind, node AS Node, outcome AS Outcome,
               detail AS Detail, flow_version AS FlowVersion
        FROM call_events
        """;

    private readonly IvrDatabase _database = database ?? throw new ArgumentNullException(nameof(database));

    /// <summary>The latest <paramref name="count"/> calls, newest first.</summary>
    public IReadOnlyList<CallSummary> Recent(int count)
    {
        if (count <= 0) return [];
        using var connection = _database.OpenConnection();
        var calls = connection.Query<CallRow>($"{SelectCalls} ORDER BY started_at DESC, id DESC LIMIT @count;", new { count }).ToList();
        if (calls.Count == 0) return [];
        var walked = CallEventWalk.Read(connection, null, calls.Where(c => c.Path is null).Select(c => c.Id).ToList());
        return calls.Select(c => ToSummary(c, walked)).ToList();
    }

    public CallSummary? Find(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        using var connection = _database.OpenConnection();
        var call = connection.QuerySingleOrDefault<CallRow>($"{SelectCalls} WHERE id = @callId;", new { callId });
        if (call is null) return null;
        return ToSummary(call, call.Path is null ? CallEventWalk.Read(connection, null, [callId]) : []);
    }

    /// <summary>The call's events in sequence order; empty for an unknown call.</summary>
    public IReadOnlyList<CallEvent> Events(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        using var connection = _database.OpenConnection();
        return connection.Query<CallEventRow>($"{SelectEvents} WHERE call_id = @callId ORDER BY seq;", new { callId })
            .Select(ToEvent)
            .ToList();
    }

    /// <param name="walked">The walks of the calls whose path is not kept on their row (<see cref="CallEventWalk"/>).</param>
    private static CallSummary ToSummary(CallRow row, Dictionary<string, WalkedCall> walked) => new(
        row.Id, row.CallerMasked, row.Dialled, DbTime.FromText(row.StartedAt), DbTime.FromNullableText(row.EndedAt),
        row.Disposition, row.FlowVersion,
        row.Path is { } kept ? CallPathText.Split(kept) : walked.TryGetValue(row.Id, out var call) ? call.Path : []);

    private static CallEvent ToEvent(CallEventRow row) => new(
        row.CallId, (int)row.Seq, DbTime.FromText(row.At), ParseKind(row.Kind), row.FlowVersion, row.Node, row.Outcome, row.Detail);

    private static CallEventKind ParseKind(string kind)
        => Enum.TryParse<CallEventKind>(kind, ignoreCase: false, out var parsed)
            ? parsed
            : throw new InvalidDataException($"Unknown call event kind '{kind}' in the database.");
}
