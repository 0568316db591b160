using Dapper;
using Ivr.Core.Calls;
using Ivr.Data.Calls;
using Ivr.Data.Surveys;

namespace Ivr.Data.Tests.Calls;

/// <summary>A bulk import (<see cref="CallImport"/>) leaves the tables exactly as the call recorder does for the same calls:
/// rows, events, kept paths and every rollup, on SQLite and PostgreSQL.</summary>
public abstract class CallImportTests(TestDatabase recorded, TestDatabase imported) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 15, 50, 0, TimeSpan.Zero); // 23:50 in Beijing: calls span two days and two months
    private static readonly string[] Tables =
    [
        "SELECT id, caller_masked, caller_tail, dialled, flow, flow_version, started_at, ended_at, disposition, node, rolled_up, path FROM calls ORDER BY id",
        "SELECT call_id, seq, at, kind, node, outcome, detail, flow_version FROM call_events ORDER BY call_id, seq",
        "SELECT day, hour, flow_version, node, disposition, served, calls, duration_seconds FROM rollup_calls ORDER BY day, hour, flow_version, disposition, served",
        "SELECT day, flow_version, answering_node, kind, node, next, calls FROM rollup_paths ORDER BY day, flow_version, answering_node, kind, node, next",
        "SELECT flow_version, last_started_at FROM rollup_versions ORDER BY flow_version",
        "SELECT month, flow_version, answering_node, kind, node, next, calls FROM rollup_path_months ORDER BY month, flow_version, answering_node, kind, node, next",
        "SELECT call_id, score, at, rolled_up FROM surveys ORDER BY call_id",
        "SELECT day, flow_version, score, answers FROM rollup_surveys ORDER BY day, flow_version, score",
    ];

    private readonly TestDatabase _recorded = recorded;
    private readonly TestDatabase _imported = imported;

    [SkippableFact]
    public async Task Import_WritesWhatTheRecorderWrites()
    {
        var calls = Calls();
        var database = _recorded.Open();
        await using (var connection = await database.OpenConnectionAsync(CancellationToken.None))
        {
            var surveys = new SurveyRepository(connection); // answered during the call, before it ends
            foreach (var call in calls)
                foreach (var answer in call.Surveys ?? [])
                    await surveys.InsertAsync(call.Start.CallId, answer.Score, answer.At, CancellationToken.None);
        }

        await using (var recorder = new SqliteCallRecorder(database, node: "n1"))
        {
            foreach (var call in calls)
            {
                recorder.CallStarted(call.Start);
                foreach (var e in call.Events) recorder.Append(e);
                if (call.EndedAt is { } end) recorder.CallEnded(call.Start.CallId, end, call.Disposition!);
            }
            recorder.Flush();
        }

        using (var import = CallImport.Open(_imported.Open(), node: "n1"))
        {
            import.Write(calls.Take(5).ToList());
            import.Write(calls.Skip(5).ToList());
        }

        var expected = Snapshot(_recorded.Open());
        var actual = Snapshot(_imported.Open());
        Assert.Equal(150, expected[0].Count);
        Assert.True(expected[1].Count > 2 * 64, "events span several multi-row statements");
        Assert.Contains(expected[3], row => row.Contains("|n1|entered|", StringComparison.Ordinal)); // path facts keyed by the answering node
        Assert.Contains(expected[6], row => row.EndsWith("|1", StringComparison.Ordinal));
        Assert.Contains(expected[6], row => row.EndsWith("|0", StringComparison.Ordinal)); // answers of calls still in progress
        Assert.Equal(2, expected[5].Select(row => row[..7]).Distinct().Count()); // the calls span two months
        for (var i = 0; i < Tables.Length; i++) Assert.Equal(expected[i], actual[i]);
    }

    private static List<ImportedCall> Calls()
    {
        var calls = new List<ImportedCall>();
        string[][] paths = [["main.menu", "pension.menu", "pension.fetch"], ["main.menu", "main.menu", "agent.transfer"], [], ["main.menu", "card.menu"]];
        string?[] dispositions = ["completed", "transferred", "abandoned", null];
        for (var i = 0; i < 150; i++)
        {
            var id = $"c{i:D2}";
            var at = T0.AddMinutes(i * 3);
            var version = i % 3 == 0 ? "v2" : "v1";
            var events = new List<CallEvent>();
            foreach (var node in paths[i % paths.Length]) events.Add(new CallEvent(id, events.Count, at.AddSeconds(events.Count + 1), CallEventKind.NodeEntered, version, node));
            if (i % 4 == 0) events.Add(new CallEvent(id, events.Count, at.AddSeconds(9), CallEventKind.LookupCompleted, version, "pension.fetch", "ok"));
            var disposition = dispositions[i % dispositions.Length];
            ImportedSurvey[] answers = i % 5 == 0 ? [new ImportedSurvey(1 + i % 3, at.AddSeconds(30))] : [];
            calls.Add(new ImportedCall(new CallStart(id, $"1390000{i:D4}", "12333", version, "main", at), events,
                disposition is null ? null : at.AddSeconds(40 + i), disposition, answers));
        }
        return calls;
    }

    private static List<List<string>> Snapshot(IvrDatabase database)
    {
        using var connection = database.OpenConnection();
        return Tables.Select(sql => connection.Query(sql).Select(row => string.Join('|', ((IDictionary<string, object?>)row).Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))))
            .ToList()).ToList();
    }

    public void Dispose()
    {
        _recorded.Dispose();
        _imported.Dispose();
    }
}

public sealed class CallImportOnSqliteTests() : CallImportTests(new TempDatabase(), new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class CallImportOnPostgresTests(PostgresServer server) : CallImportTests(
    server.NewDatabase(), // one database per line (PostgresServer keys them by caller line)
    server.NewDatabase());
