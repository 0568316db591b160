using Dapper;
using Ivr.Data.Calls;
using Ivr.Data.Rollups;
using Ivr.Data.Surveys;

namespace Ivr.Data.Tests.Rollups;

/// <summary>Survey answers reach <c>rollup_surveys</c> once — with their call, or by the catch-up when written after it —
/// and the reader counts each answer exactly once, rolled up or not (migration 24).</summary>
public abstract class SurveyRollupTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 15, 50, 0, TimeSpan.Zero); // 23:50 on the 23rd in Beijing
    private static readonly DateOnly Day23 = new(2026, 11, 23);
    private static readonly DateOnly Day24 = new(2026, 11, 24);
    private readonly TestDatabase _file;
    private readonly IvrDatabase _database;

    protected SurveyRollupTests(TestDatabase file)
    {
        _file = file;
        _database = _file.Open();
    }

    [SkippableFact]
    public async Task AnswersGivenInTheCall_AreRolledUpWithIt_AndLaterOnesByTheCatchUp_CountedOnceThroughout()
    {
        await using (var recorder = new SqliteCallRecorder(_database, node: "n1"))
        {
            RecordedCall.Record(recorder, "c1", T0, null, "main.menu");
            RecordedCall.Record(recorder, "c2", T0.AddMinutes(1), null, "main.menu");
            recorder.Flush();
            await InsertAsync("c1", 1, T0.AddMinutes(5)); // 23:55 on the 23rd: the call is still in progress
            await InsertAsync("c2", 3, T0.AddMinutes(20)); // 00:10 on the 24th
            await InsertAsync("nobody", 2, T0.AddMinutes(21)); // a call never recorded
            Assert.Equal(Scores(1, 0, 0), await ScoresAsync(Day23, Day23, null));

            recorder.CallEnded("c1", T0.AddMinutes(6), "completed");
            recorder.CallEnded("c2", T0.AddMinutes(7), "completed");
            recorder.Flush();
        }

        Assert.Equal([("c1", 1L), ("c2", 1L), ("nobody", 0L)], RolledUp());
        await InsertAsync("c1", 2, T0.AddMinutes(30)); // written after its call was rolled up (a spooled answer)
        var all = Scores(1, 2, 1);
        Assert.Equal(all, await ScoresAsync(Day23, Day24, null));

        Assert.Equal(1, (await RollupCatchUp.RunAsync(_database, CancellationToken.None)).Surveys);
        Assert.Equal(0, (await RollupCatchUp.RunAsync(_database, CancellationToken.None)).Surveys);
        Assert.Equal([("c1", 1L), ("c1", 1L), ("c2", 1L), ("nobody", 0L)], RolledUp());
        Assert.Equal(all, await ScoresAsync(Day23, Day24, null));
        Assert.Equal(Scores(1, 0, 0), await ScoresAsync(Day23, Day23, null));
        Assert.Equal(Scores(1, 1, 1), await ScoresAsync(Day23, Day24, "v1"));
        Assert.Equal(Scores(0, 0, 0), await ScoresAsync(Day23, Day24, "v9"));
    }

    [SkippableFact]
    public async Task PathsOfARange_AreTheSumOfItsDays_WholeMonthsReadFromTheirSums()
    {
        var start = new DateTimeOffset(2026, 9, 20, 2, 0, 0, TimeSpan.Zero);
        await using (var recorder = new SqliteCallRecorder(_database, node: "n1"))
        {
            for (var i = 0; i < 40; i++)
                RecordedCall.Record(recorder, $"p{i:D2}", start.AddDays(i * 2), i % 3 == 0 ? "abandoned" : "transferred", "main.menu", i % 2 == 0 ? "pension.menu" : "card.menu");
            recorder.Flush();
        }

        var reader = new RollupReader(_database);
        var (from, to) = (new DateOnly(2026, 9, 25), new DateOnly(2026, 12, 3)); // the end of September, October, November, December's start
        var byDay = new Dictionary<(string, string, string, string), long>();
        for (var day = from; day <= to; day = day.AddDays(1))
            foreach (var p in await reader.PathsAsync(day, day, null, CancellationToken.None))
                byDay[(p.FlowVersion, p.Kind, p.Node, p.Next)] = byDay.GetValueOrDefault((p.FlowVersion, p.Kind, p.Node, p.Next)) + p.Calls;

        var ranged = (await reader.PathsAsync(from, to, null, CancellationToken.None)).ToDictionary(p => (p.FlowVersion, p.Kind, p.Node, p.Next), p => p.Calls);

        Assert.Equal(byDay.OrderBy(p => p.Key).ToList(), ranged.OrderBy(p => p.Key).ToList());
        Assert.True(ranged[("v1", PathFact.Entered, "main.menu", "")] is > 20 and < 40);
        using var connection = _database.OpenConnection();
        Assert.Equal(["2026-09", "2026-10", "2026-11", "2026-12"], connection.Query<string>("SELECT DISTINCT month FROM rollup_path_months ORDER BY month;"));
    }

    public void Dispose() => _file.Dispose();

    private static Dictionary<int, long> Scores(long satisfied, long fair, long dissatisfied) => new() { [1] = satisfied, [2] = fair, [3] = dissatisfied };

    private async Task InsertAsync(string callId, int score, DateTimeOffset at)
    {
        await using var connection = await _database.OpenConnectionAsync(CancellationToken.None);
        await new SurveyRepository(connection).InsertAsync(callId, score, at, CancellationToken.None);
    }

    private async Task<Dictionary<int, long>> ScoresAsync(DateOnly from, DateOnly to, string? version)
    {
        var scores = Scores(0, 0, 0);
        foreach (var (score, count) in await new RollupReader(_database).SurveyScoresAsync(from, to, version, CancellationToken.None)) scores[score] += count;
        return scores;
    }

    private List<(string, long)> RolledUp()
    {
        using var connection = _database.OpenConnection();
        return connection.Query<(string, long)>("SELECT call_id, rolled_up FROM surveys ORDER BY call_id, rolled_up;").ToList();
    }
}

public sealed class SurveyRollupOnSqliteTests() : SurveyRollupTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class SurveyRollupOnPostgresTests(PostgresServer server) : SurveyRollupTests(server.NewDatabase());
