using Ivr.Data.Fax;
using Ivr.Data.Tests.Fax;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Nodes;

/// <summary>Three nodes' fax schedulers on one queue: every job dialled exactly once; a job whose node
/// died mid-send is taken over once its lease has run out, and the dead node's late word is ignored.</summary>
public abstract class FaxClaimsAcrossNodesTests : IDisposable
{
    protected static readonly DateTimeOffset Monday10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly TestDatabase _file;
    protected readonly IvrDatabase _database; // the nodes' shared database, opened once more for checks
    protected readonly FakeTimeProvider _time = new(Monday10);

    protected FaxClaimsAcrossNodesTests(TestDatabase file)
    {
        _file = file;
        _database = file.Open();
    }

    [SkippableFact]
    public async Task ThreeNodes_SendingAtOnce_EachJobDialledExactlyOnce()
    {
        var ids = new List<long>();
        for (var i = 0; i < 30; i++) ids.Add(await Queue($"0108888{i:D4}"));
        var dialers = Enumerable.Range(0, 3).Select(_ => new SlowDialer()).ToArray();
        var nodes = dialers.Select((dialer, n) => new FaxJobScheduler(OpenNode(), dialer, new FakeFaxDocuments("pension_policy"), FaxSettings.Default, _time, node: $"node{n}")).ToArray();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = nodes.Select(node => Task.Run(async () => { await start.Task; return await node.SendDueAsync(default); })).ToList();
        start.SetResult();
        var attempts = await Task.WhenAll(runs);

        var dialled = dialers.SelectMany(d => d.Numbers).ToList();
        Assert.Equal(30, dialled.Count);
        Assert.Equal(30, dialled.Distinct().Count());
        Assert.Equal(30, attempts.Sum());
        foreach (var id in ids) Assert.Equal((FaxJobStatus.Sent, 1), await StatusAndAttempts(id));
    }

    protected async Task<long> Queue(string number)
    {
        await using var connection = await _database.OpenConnectionAsync(default);
        return await new FaxJobRepository(connection).InsertAsync("call-1", "pension_policy", number, Monday10, 3, Monday10, default);
    }

    protected async Task<(FaxJobStatus, int)> StatusAndAttempts(long id)
    {
        await using var connection = await _database.OpenConnectionAsync(default);
        var job = (await new FaxJobRepository(connection).GetAsync(id, default))!;
        return (job.Status, job.Attempts);
    }

    /// <summary>The database as another node opens it (its own pool).</summary>
    protected IvrDatabase OpenNode() => _file.Open();

    public void Dispose() => _file.Dispose();

    /// <summary>Takes a little real time per fax, so the three nodes' claims interleave.</summary>
    protected sealed class SlowDialer : Ivr.Core.Fax.IFaxDialer
    {
        public List<string> Numbers { get; } = [];

        public async Task<Ivr.Core.Fax.FaxResult> SendAsync(string number, string tiffPath, CancellationToken cancellation)
        {
            lock (Numbers) Numbers.Add(number);
            await Task.Delay(5, cancellation);
            return FakeFaxDialer.Sent;
        }
    }
}

public sealed class FaxClaimsAcrossNodesOnSqliteTests() : FaxClaimsAcrossNodesTests(new TempDatabase());

/// <summary>Several nodes share PostgreSQL only: there, a dead node's job is taken over after its lease
/// (one machine on SQLite recovers every interrupted job when it starts again, as before).</summary>
[Collection(PostgresCollection.Name)]
public sealed class FaxClaimsAcrossNodesOnPostgresTests(PostgresServer server) : FaxClaimsAcrossNodesTests(server.NewDatabase())
{
    [SkippableFact]
    public async Task NodeDiesWhileSending_AnotherTakesTheJobOverAfterTheLease()
    {
        var id = await Queue("01088889999");
        await using (var connection = await _database.OpenConnectionAsync(default))
        {
            var now = _time.GetUtcNow();
            Assert.NotNull(await new FaxJobRepository(connection).ClaimNextAsync("dead-node", now, now + FaxSettings.Default.ClaimLease, default));
        }
        var survivor = new SlowDialer();
        var node = new FaxJobScheduler(OpenNode(), survivor, new FakeFaxDocuments("pension_policy"), FaxSettings.Default, _time, node: "survivor");

        _time.Advance(FaxSettings.Default.ClaimLease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await node.SendDueAsync(default));
        Assert.Empty(survivor.Numbers);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await node.SendDueAsync(default));
        Assert.Equal(["01088889999"], survivor.Numbers);
        Assert.Equal((FaxJobStatus.Sent, 2), await StatusAndAttempts(id)); // the dead node's try counts

        await using (var connection = await _database.OpenConnectionAsync(default))
            Assert.False(await new FaxJobRepository(connection).RecordAttemptAsync(id, FaxJobStatus.Failed, null, "failed", 0, 2, -1, "late", _time.GetUtcNow(), default, "dead-node"));
        Assert.Equal((FaxJobStatus.Sent, 2), await StatusAndAttempts(id));
    }

    [SkippableFact]
    public async Task NodeDeclaredLost_ItsClaimsReleased_AnotherSendsAtOnceButNotANodeWhoseIdMerelyStartsTheSame()
    {
        var mine = await Queue("01088889999");
        var other = await Queue("01077776666");
        await using (var connection = await _database.OpenConnectionAsync(default))
        {
            var now = _time.GetUtcNow();
            var jobs = new FaxJobRepository(connection);
            Assert.NotNull(await jobs.ClaimNextAsync("node1/4242/0a1b2c3d", now, now + FaxSettings.Default.ClaimLease, default));
            Assert.NotNull(await jobs.ClaimNextAsync("node10/4343/0a1b2c3d", now, now + FaxSettings.Default.ClaimLease, default));

            Assert.Equal(1, await jobs.ReleaseClaimsOfAsync("node1", now, default));
        }
        var survivor = new SlowDialer();
        var node = new FaxJobScheduler(OpenNode(), survivor, new FakeFaxDocuments("pension_policy"), FaxSettings.Default, _time, node: "node2");

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await node.SendDueAsync(default));

        Assert.Equal(["01088889999"], survivor.Numbers);
        Assert.Equal((FaxJobStatus.Sent, 2), await StatusAndAttempts(mine));
        Assert.Equal(FaxJobStatus.Sending, (await StatusAndAttempts(other)).Item1);
    }
}

