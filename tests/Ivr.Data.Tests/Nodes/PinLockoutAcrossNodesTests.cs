using Dapper;
using Ivr.Core.Lookups;
using Ivr.Data.Services;
using Ivr.Data.Tests.Services;
using static Ivr.Data.Tests.Services.ServiceFixture;

namespace Ivr.Data.Tests.Nodes;

/// <summary>Three nodes (each its own service and connection pool) on one database: wrong PINs count
/// wherever they are typed, three at once lock exactly once, wrong PINs from one caller number typed on
/// several nodes at once never pass its daily limit, and one call never gets more distinct IDs checked
/// than allowed.</summary>
public abstract class PinLockoutAcrossNodesTests : IDisposable
{
    private readonly ServiceFixture _f;
    private readonly ServiceLookupService[] _nodes;

    protected PinLockoutAcrossNodesTests(TestDatabase file)
    {
        _f = new ServiceFixture(file);
        _nodes = [.. Enumerable.Range(0, 3).Select(_ => new ServiceLookupService(_f.Reopen(), _f.Time, pinHasher: _f.Hasher, hashKey: _f.HashKey))];
    }

    [SkippableFact]
    public async Task ThreeWrongPins_OneOnEachNode_InTurn_Lock()
    {
        Assert.Equal("denied", (await Verify(_nodes[0], RetireeId, "000000")).Outcome);
        Assert.Equal("denied", (await Verify(_nodes[1], RetireeId, "000000")).Outcome);

        Assert.Equal("locked", (await Verify(_nodes[2], RetireeId, "000000")).Outcome);
        Assert.Equal("locked", (await Verify(_nodes[0], RetireeId, RetireePin)).Outcome);
    }

    [SkippableFact]
    public async Task ThreeWrongPins_OnThreeNodesAtOnce_LockOnceEveryRound()
    {
        for (var round = 0; round < 8; round++)
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racing = _nodes.Select(node => Task.Run(async () =>
            {
                await start.Task;
                return (await Verify(node, WorkerId, "000000")).Outcome;
            })).ToList();
            start.SetResult();
            var outcomes = await Task.WhenAll(racing);

            Assert.Equal(["denied", "denied", "locked"], outcomes.Order());
            Assert.Equal("locked", (await Verify(_nodes[round % 3], WorkerId, WorkerPin)).Outcome);
            _f.Time.Advance(TimeSpan.FromDays(1)); // past the next China midnight: unlocked, failures cleared
        }
        using var connection = _f.Database.OpenConnection();
        Assert.Equal(8, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit WHERE action = 'lockout';"));
    }

    [SkippableFact]
    public async Task FifteenWrongPinsFromOneNumber_AtOnceOnThreeNodes_TenChecked()
    {
        var outcomes = await RaceAsync(15, i => ($"call-{i}", UnknownId(i)));

        Assert.Equal(10, outcomes.Count(o => o == "denied"));
        Assert.Equal(5, outcomes.Count(o => o == ServiceOutcomes.Throttled));
        using var connection = _f.Database.OpenConnection();
        Assert.Equal(10, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pin_attempts WHERE failed = 1;"));
    }

    [SkippableFact]
    public async Task SixIdsInOneCall_AtOnceOnThreeNodes_TwoChecked()
    {
        var outcomes = await RaceAsync(6, i => ("call-1", UnknownId(i)));

        Assert.Equal(2, outcomes.Count(o => o == "denied"));
        Assert.Equal(4, outcomes.Count(o => o == ServiceOutcomes.Throttled));
    }

    /// <summary>IDs nobody has: each answers like a wrong PIN and none reaches its own lock.</summary>
    private static string UnknownId(int i) => $"1101012000010100{i:D2}";

    /// <summary>Wrong PINs from one caller number, started together on the nodes in turn.</summary>
    private async Task<string[]> RaceAsync(int count, Func<int, (string CallId, string Id)> check)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var (callId, id) = check(i);
            var inputs = new Dictionary<string, string> { ["id"] = id, ["pin"] = "111111", ["call_id"] = callId, ["caller"] = "13912345678" };
            return (await _nodes[i % 3].ExecuteAsync("auth.verify_pin", inputs, CancellationToken.None)).Outcome;
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(racing).WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task<LookupResult> Verify(ServiceLookupService node, string id, string pin)
        => await node.ExecuteAsync("auth.verify_pin", new Dictionary<string, string> { ["id"] = id, ["pin"] = pin, ["call_id"] = "c", ["caller"] = "1" },
            CancellationToken.None);

    public void Dispose() => _f.Dispose();
}

public sealed class PinLockoutAcrossNodesOnSqliteTests() : PinLockoutAcrossNodesTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PinLockoutAcrossNodesOnPostgresTests(PostgresServer server) : PinLockoutAcrossNodesTests(server.NewDatabase());
