using Dapper;
using Ivr.Data.Cards;

namespace Ivr.Data.Tests.Nodes;

/// <summary>References said to callers stay unique when three nodes draw the same random numbers at once.</summary>
public abstract class ReferencesAcrossNodesTests(TestDatabase file) : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    [SkippableFact]
    public async Task ThreeNodes_CollidingDraws_EveryReferenceDifferent()
    {
        var draws = 0;
        var issuer = new ReferenceIssuer(() => Interlocked.Increment(ref draws) / 3); // every number drawn three times
        var nodes = Enumerable.Range(0, 3).Select(_ => file.Open()).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var issued = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            await start.Task;
            var mine = new List<string>();
            for (var i = 0; i < 15; i++)
            {
                await using var connection = await node.OpenConnectionAsync(default);
                await using var transaction = connection.BeginWrite();
                mine.Add(await issuer.IssueAsync(connection, transaction, "loss", At, default));
                await transaction.CommitAsync();
            }
            return mine;
        })).Append(Task.Run(async () => { await Task.Yield(); start.SetResult(); return new List<string>(); })));

        var all = issued.SelectMany(r => r).ToList();
        Assert.Equal(45, all.Count);
        Assert.Equal(45, all.Distinct().Count());
        Assert.All(all, r => Assert.StartsWith("20261123", r));
        using var check = nodes[0].OpenConnection();
        Assert.Equal(45, check.ExecuteScalar<long>("SELECT COUNT(*) FROM issued_references;"));
    }

    [SkippableFact]
    public async Task Issue_SkipsAReferenceAnOlderLossReportHolds()
    {
        var database = file.Open();
        await using var connection = await database.OpenConnectionAsync(default);
        await connection.ExecuteAsync("INSERT INTO people (id, name, region, birth_date) VALUES ('11010519491231002X', '张建国', '110105', '1949-12-31');");
        await new CardRepository(connection).InsertAsync(new Card("100000000001", "1000000001", "11010519491231002X", CardStatus.Lost, At, "20261123000000"), default);
        var draws = -1;
        await using var transaction = connection.BeginWrite();

        var reference = await new ReferenceIssuer(() => Interlocked.Increment(ref draws)).IssueAsync(connection, transaction, "loss", At, default);

        Assert.Equal("20261123000001", reference);
    }

    public void Dispose() => file.Dispose();
}

public sealed class ReferencesAcrossNodesOnSqliteTests() : ReferencesAcrossNodesTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class ReferencesAcrossNodesOnPostgresTests(PostgresServer server) : ReferencesAcrossNodesTests(server.NewDatabase());
