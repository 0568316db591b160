using Ivr.Data.Security;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Security;

/// <summary><c>pin_alarms</c> (M021): listed by state with their origin's masked IDs, acknowledged once, and paged through
/// the outbox — claimed by one claimant at a time, retried when due, released on a record, taken over once a claim's
/// lease has run out, never for a stale alert — on SQLite and PostgreSQL.</summary>
public abstract class PinAlarmStoreTests : IDisposable
{
    private const string Attacker = "13912345678";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly TestDatabase _file;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly IvrDatabase _database;

    protected PinAlarmStoreTests(TestDatabase file)
    {
        _file = file;
        _database = file.Open();
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    [SkippableFact]
    public async Task List_ByState_WithTheOriginsMaskedIds_Acknowledged_Once()
    {
        using var connection = _database.OpenConnection();
        var first = Now;
        await new PinLockOriginStore(connection).AddAsync(PinLockOrigin.Of(_file.HashKey, Now, "c-1", Attacker, null, "11010519491231002X"), default);
        _time.Advance(TimeSpan.FromMinutes(5));
        await new PinLockOriginStore(connection).AddAsync(PinLockOrigin.Of(_file.HashKey, Now, "c-2", Attacker, null, "330106198001010048"), default);
        var store = new PinAlarmStore(connection);
        var id = await store.RaiseAsync(Alarm(first), default);
        var other = await store.RaiseAsync(Alarm(first) with { Kind = PinAlarm.BySource, OriginKey = "198.51.100.7", CallerMasked = null, Source = "198.51.100.7" }, default);

        Assert.True(await store.AcknowledgeAsync(other, "supervisor", Now, "checked with the carrier", default));
        Assert.False(await store.AcknowledgeAsync(other, "admin", Now.AddMinutes(1), "again", default));
        Assert.False(await store.AcknowledgeAsync(999, "admin", Now, null, default));

        var open = Assert.Single(await store.ListAsync(PinAlarm.Open, default));
        Assert.Equal((id, PinAlarm.Open, "139*****678", 2, first, Now, "c-2"),
            (open.Id, open.State, open.CallerMasked, open.IdsLocked, open.FirstLockAt, open.LastLockAt, open.LastCallId));
        Assert.Equal(["330106********0048", "110105********002X"], open.IdsMasked);
        var acknowledged = Assert.Single(await store.ListAsync(PinAlarm.Acknowledged, default));
        Assert.Equal((other, "supervisor", Now, "checked with the carrier"),
            (acknowledged.Id, acknowledged.AcknowledgedBy, acknowledged.AcknowledgedAt, acknowledged.AckComment));
        Assert.Equal([other, id], (await store.ListAsync(null, default)).Select(a => a.Id));
    }

    [SkippableFact]
    public async Task Outbox_TwoClaimantsAtOnce_EachPageClaimedOnce()
    {
        using (var connection = _database.OpenConnection())
            for (var i = 0; i < 6; i++) await new PinAlarmStore(connection).RaiseAsync(Alarm(Now) with { OriginKey = $"k{i}" }, default);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            await start.Task;
            using var connection = _database.OpenConnection();
            return await new PinAlarmOutbox(connection).ClaimDueAsync($"claim-{i}", Now, Lease, Now.AddDays(-1), 10, default);
        })).ToList();
        start.SetResult();
        var claimed = await Task.WhenAll(claims).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(6, claimed.Sum(c => c.Count));
        Assert.Equal(6, claimed.SelectMany(c => c).Select(a => a.Id).Distinct().Count());
    }

    [SkippableFact]
    public async Task Outbox_RetryDueLater_PagedOnce_ClaimTakenOverAfterItsLease_StaleNeverClaimed()
    {
        using var connection = _database.OpenConnection();
        var outbox = new PinAlarmOutbox(connection);
        var stale = await new PinAlarmStore(connection).RaiseAsync(Alarm(Now.AddDays(-2)) with { RaisedAt = Now.AddDays(-2) }, default);
        var id = await new PinAlarmStore(connection).RaiseAsync(Alarm(Now), default);

        Assert.Equal([id], (await outbox.ClaimDueAsync("a", Now, Lease, Now.AddDays(-1), 10, default)).Select(a => a.Id));
        Assert.Empty(await outbox.ClaimDueAsync("b", Now, Lease, Now.AddDays(-1), 10, default));
        Assert.False(await outbox.RecordTryAsync(id, "b", PinAlarm.Paged, 1, Now, Now, default));
        Assert.True(await outbox.RecordTryAsync(id, "a", PinAlarm.Pending, 1, Now, Now.AddSeconds(2), default));
        Assert.Empty(await outbox.ClaimDueAsync("c", Now.AddSeconds(1), Lease, Now.AddDays(-1), 10, default));

        _time.Advance(TimeSpan.FromSeconds(2));
        var again = Assert.Single(await outbox.ClaimDueAsync("d", Now, Lease, Now.AddDays(-1), 10, default));
        Assert.Equal((id, 1), (again.Id, again.PageTries));
        Assert.Empty(await outbox.ClaimDueAsync("e", Now + Lease - TimeSpan.FromSeconds(1), Lease, Now.AddDays(-1), 10, default));
        _time.Advance(Lease); // "d" went quiet: its claim runs out
        Assert.Single(await outbox.ClaimDueAsync("f", Now, Lease, Now.AddDays(-1), 10, default));
        Assert.False(await outbox.RecordTryAsync(id, "d", PinAlarm.Paged, 2, Now, Now, default));
        Assert.True(await outbox.RecordTryAsync(id, "f", PinAlarm.Paged, 2, Now, Now, default));

        Assert.Empty(await outbox.ClaimDueAsync("g", Now.AddHours(1), Lease, Now.AddDays(-1), 10, default));
        var paged = (await new PinAlarmStore(connection).FindAsync(id, default))!;
        Assert.Equal((PinAlarm.Paged, 2, (DateTimeOffset?)Now), (paged.PageState, paged.PageTries, paged.PagedAt));
        Assert.Equal(PinAlarm.Pending, (await new PinAlarmStore(connection).FindAsync(stale, default))!.PageState);
    }

    private PinAlarm Alarm(DateTimeOffset first) => new(
        0, PinAlarm.ByCaller, PinCallerKey.Of(_file.HashKey, Attacker), "139*****678", null, Now, first, Now, 2, "c-2", PinAlarm.Pending, 0, null, null, null, null);

    public void Dispose() => _file.Dispose();
}

public sealed class PinAlarmStoreOnSqliteTests() : PinAlarmStoreTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PinAlarmStoreOnPostgresTests(PostgresServer server) : PinAlarmStoreTests(server.NewDatabase());
