using Dapper;
using Ivr.Core.Calls;

namespace Ivr.Data.Calls;

/// <summary>
/// Reads calls back from SQLite. A summary's <see cref="CallSummary.Path"/> is the nodes the call
/// entered, in order (the <c>NodeEntered</c> events). The caller is only ever read masked.
/// </summary>
public sealed class SqliteCallHistory(IvrDatabase database) : ICallHistory
{
    private const string SelectCalls = """
        SELECT id AS Id, caller_masked AS CallerMasked, dialled AS Dialled, flow_version AS FlowVersion,
               started_at AS StartedAt, ended_at AS EndedAt, disposition AS Disposition
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
        var paths = connection.Query<(string CallId, string Node)>(
                $"SELECT call_id, node FROM call_events WHERE kind = @kind AND node IS NOT NULL AND {connection.InList("call_id", "ids")} ORDER BY call_id, seq;",
                new { kind = nameof(CallEventKind.NodeEntered), ids = calls.Select(c => c.Id).ToArray() })
            .GroupBy(r => r.CallId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Node).ToList());
        return calls.Select(c => ToSummary(c, paths.GetValueOrDefault(c.Id) ?? [])).ToList();
    }

    public CallSummary? Find(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        using var connection = _database.OpenConnection();
        var call = connection.QuerySingleOrDefault<CallRow>($"{SelectCalls} WHERE id = @callId;", new { callId });
        if (call is null) return null;
        var path = connection.Query<string>(
            "SELECT node FROM call_events WHERE call_id = @callId AND kind = @kind AND node IS NOT NULL ORDER BY seq;",
            new { callId, kind = nameof(CallEventKind.NodeEntered) }).ToList();
        return ToSummary(call, path);
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

    private static CallSummary ToSummary(CallRow row, IReadOnlyList<string> path) => new(
        row.Id, row.CallerMasked, row.Dialled, DbTime.FromText(row.StartedAt), DbTime.FromNullableText(row.EndedAt),
        row.Disposition, row.FlowVersion, path);

    private static CallEvent ToEvent(CallEventRow row) => new(
        row.CallId, (int)row.Seq, DbTime.FromText(row.At), ParseKind(row.Kind), row.FlowVersion, row.Node, row.Outcome, row.Detail);

    private static CallEventKind ParseKind(string kind)
        => Enum.TryParse<CallEventKind>(kind, ignoreCase: false, out var parsed)
            ? parsed
            : throw new InvalidDataException($"Unknown call event kind '{kind}' in the database.");
}
