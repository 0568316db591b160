using Dapper;
using Ivr.Core.Lookups;
using Ivr.Data.Services;
using Ivr.Data.Tests.Services;

namespace Ivr.Data.Tests.Nodes;

/// <summary>Three nodes on one database: wrong PINs from one caller number, typed on several nodes at
/// once, never pass its daily limit, and one call never gets more distinct IDs checked than allowed.</summary>
public abstract class PinThrottleAcrossNodesTests : IDisposable
{
    private readonly ServiceFixture _f;
    private readonly ServiceLookupService[] _nodes;

    protected PinThrottleAcrossNodesTests(TestDatabase file)
    {
        _f = new ServiceFixture(file);
        _nodes = [.. Enumerable.Range(0, 3).Select(_ => new ServiceLookupService(_f.Reopen(), _f.Time, pinHasher: _f.Hasher))];
    }

    [SkippableFact]
    public async Task FifteenWrongPinsFromOneNumber_AtOnceOnThreeNodes_TenChecked()
    {
        var outcomes = await RaceAsync(15, i => ($"call-{i}", $"1101012000010100{i:D2}"));

        Assert.Equal(10, outcomes.Count(o => o == "denied"));
        Assert.Equal(5, outcomes.Count(o => o == ServiceOutcomes.Throttled));
        using var connection = _f.Database.OpenConnection();
        Assert.Equal(10, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pin_attempts WHERE failed = 1;"));
    }

    [SkippableFact]
    public async Task SixIdsInOneCall_AtOnceOnThreeNodes_TwoChecked()
    {
        var outcomes = await RaceAsync(6, i => ("call-1", $"1101012000010100{i:D2}"));

        Assert.Equal(2, outcomes.Count(o => o == "denied"));
        Assert.Equal(4, outcomes.Count(o => o == ServiceOutcomes.Throttled));
    }

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

    public void Dispose() => _f.Dispose();
}

public sealed class PinThrottleAcrossNodesOnSqliteTests() : PinThrottleAcrossNodesTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PinThrottleAcrossNodesOnPostgresTests(PostgresServer server) : PinThrottleAcrossNodesTests(server.NewDatabase());
