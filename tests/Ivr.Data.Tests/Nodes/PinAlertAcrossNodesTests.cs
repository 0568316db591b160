using System.Collections.Concurrent;
using Ivr.Data.Security;
using Ivr.Data.Services;
using Ivr.Data.Tests.Services;
using static Ivr.Data.Tests.Services.ServiceFixture;

namespace Ivr.Data.Tests.Nodes;

/// <summary>Two nodes (each its own service and database handle) lock two IDs from one caller number, through one
/// SIP source, at the same moment: the alert is logged and raised (one <c>pin_alarms</c> row, one page) exactly once for
/// the number and once for the source, never missed because each node's transaction could not see the other's lock.</summary>
public abstract class PinAlertAcrossNodesTests : IDisposable
{
    private const string Source = "203.0.113.9";
    private readonly ServiceFixture _f;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ServiceLookupService[] _nodes;

    protected PinAlertAcrossNodesTests(TestDatabase file)
    {
        _f = new ServiceFixture(file);
        _nodes = [.. Enumerable.Range(0, 2).Select(_ => new ServiceLookupService(_f.Reopen(), _f.Time, pinHasher: _f.Hasher, log: _log.Enqueue, hashKey: _f.HashKey))];
    }

    [SkippableFact]
    public async Task TwoIdsLockedAtOnceOnTwoNodes_OneAlertForTheNumberAndOneForTheSource_EveryRound()
    {
        string[] ids = [RetireeId, WorkerId];
        for (var round = 0; round < 6; round++)
        {
            var roundStart = _f.Time.GetUtcNow();
            var caller = $"1391234{round:D4}";
            for (var i = 0; i < 2; i++)
                for (var wrong = 0; wrong < 2; wrong++)
                    Assert.Equal("denied", (await VerifyAsync(_nodes[i], caller, $"r{round}-{i}", ids[i])).Outcome);

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racing = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                await start.Task;
                return (await VerifyAsync(_nodes[i], caller, $"r{round}-{i}", ids[i])).Outcome;
            })).ToList();
            start.SetResult();
            Assert.Equal(["locked", "locked"], await Task.WhenAll(racing).WaitAsync(TimeSpan.FromSeconds(60)));

            var lines = _log.Where(l => l.StartsWith("pin alert:", StringComparison.Ordinal)).ToList();
            Assert.Single(lines, l => l.StartsWith($"pin alert: caller 139*****{caller[^3..]} has locked 2 IDs", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith($"pin alert: source {Source} has locked 2 IDs", StringComparison.Ordinal));
            var alerts = (await AlertsAsync()).Where(a => a.RaisedAt >= roundStart).ToList();
            Assert.Equal(2, alerts.Single(a => a.Kind == PinAlarm.ByCaller).IdsLocked);
            Assert.Equal(2, alerts.Single(a => a.Kind == PinAlarm.BySource).IdsLocked);
            Assert.All(alerts, a => Assert.Equal(PinAlarm.Pending, a.PageState));
            Assert.DoesNotContain(caller, string.Join("\n", _log));

            _log.Clear();
            _f.Time.Advance(TimeSpan.FromDays(1)); // past the window and the locks: the next round starts afresh
        }
    }

    private async Task<IReadOnlyList<PinAlarm>> AlertsAsync()
    {
        using var connection = _f.Database.OpenConnection();
        return await new PinAlarmStore(connection).ListAsync(null, CancellationToken.None);
    }

    private static async Task<Ivr.Core.Lookups.LookupResult> VerifyAsync(ServiceLookupService node, string caller, string callId, string id)
        => await node.ExecuteAsync("auth.verify_pin", new Dictionary<string, string>
        {
            ["id"] = id, ["pin"] = "000000", ["call_id"] = callId, ["caller"] = caller, ["source"] = Source,
        }, CancellationToken.None);

    public void Dispose() => _f.Dispose();
}

public sealed class PinAlertAcrossNodesOnSqliteTests() : PinAlertAcrossNodesTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PinAlertAcrossNodesOnPostgresTests(PostgresServer server) : PinAlertAcrossNodesTests(server.NewDatabase());
