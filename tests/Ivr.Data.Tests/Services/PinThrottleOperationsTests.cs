using Dapper;
using Ivr.Core.Lookups;
using Ivr.Data.Security;
using static Ivr.Data.Tests.Services.ServiceFixture;

namespace Ivr.Data.Tests.Services;

/// <summary>auth.verify_pin beside the per-ID lockout: wrong PINs per caller number per day, distinct
/// IDs per call, the alert when one number (or source) locks several IDs, and the agent's unlock — on the fake clock.</summary>
public abstract class PinThrottleOperationsTests : IDisposable
{
    private const string Attacker = "13912345678";
    private const string Holder = "13012345273";
    private readonly ServiceFixture _f;

    protected PinThrottleOperationsTests(TestDatabase file) => _f = new ServiceFixture(file);

    [SkippableFact]
    public async Task CallerNumber_TenWrongPinsAcrossIds_ThenThrottledEvenWithTheRightPin()
    {
        for (var i = 0; i < 10; i++)
            Assert.Equal("denied", (await VerifyAsync(Attacker, $"call-{i}", UnknownId(i), "111111")).Outcome);

        var next = await VerifyAsync(Attacker, "call-10", RetireeId, RetireePin);

        Assert.Equal(ServiceOutcomesThrottled, next.Outcome);
        Assert.Equal("ok", (await VerifyAsync(Holder, "call-h", RetireeId, RetireePin)).Outcome);
        Assert.Single(_f.Log, l => l.Contains("reached the limit of 10 wrong PINs") && l.Contains("139*****678"));
    }

    [SkippableFact]
    public async Task CallerNumber_ThrottledCheck_RunsNoPinCheckAndCountsNoFailureForTheId()
    {
        for (var i = 0; i < 10; i++) await VerifyAsync(Attacker, $"call-{i}", UnknownId(i), "111111");

        await VerifyAsync(Attacker, "call-10", WorkerId, "111111");

        var fromHolder = await VerifyAsync(Holder, "call-h", WorkerId, "111111");
        Assert.Equal("2", fromHolder.Outputs["tries_left"]);
    }

    [SkippableFact]
    public async Task CallerNumber_LimitIsPer24Hours()
    {
        for (var i = 0; i < 10; i++) await VerifyAsync(Attacker, $"call-{i}", UnknownId(i), "111111");
        _f.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal(ServiceOutcomesThrottled, (await VerifyAsync(Attacker, "call-x", RetireeId, RetireePin)).Outcome);

        _f.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("ok", (await VerifyAsync(Attacker, "call-y", RetireeId, RetireePin)).Outcome);
    }

    [SkippableFact]
    public async Task CallerNumber_RightPinsDoNotCount()
    {
        for (var i = 0; i < 12; i++)
            Assert.Equal("ok", (await VerifyAsync(Holder, $"call-{i}", RetireeId, RetireePin)).Outcome);
    }

    [SkippableFact]
    public async Task Call_ThirdDistinctId_Throttled_TheTwoTriedStayAllowed()
    {
        Assert.Equal("ok", (await VerifyAsync(Holder, "call-1", RetireeId, RetireePin)).Outcome);
        Assert.Equal("denied", (await VerifyAsync(Holder, "call-1", WorkerId, "111111")).Outcome);

        Assert.Equal(ServiceOutcomesThrottled, (await VerifyAsync(Holder, "call-1", UnknownId(1), "111111")).Outcome);
        Assert.Equal("ok", (await VerifyAsync(Holder, "call-1", WorkerId, WorkerPin)).Outcome);
        Assert.Equal("denied", (await VerifyAsync(Holder, "call-2", UnknownId(1), "111111")).Outcome);
        Assert.Single(_f.Log, l => l.Contains("call call-1") && l.Contains("refused, to an agent"));
    }

    [SkippableFact]
    public async Task Alert_WhenOneNumberLocksTwoIds_MaskedNumberAndIds()
    {
        var first = _f.Time.GetUtcNow();
        await LockAsync(Attacker, "call-a", RetireeId);
        Assert.Empty(await AlertsAsync());
        _f.Time.Advance(TimeSpan.FromMinutes(5));

        await LockAsync(Attacker, "call-b", WorkerId);

        var alert = Assert.Single(await AlertsAsync());
        Assert.Equal((PinAlarm.ByCaller, "139*****678", (string?)null, 2, first, _f.Time.GetUtcNow(), "call-b"),
            (alert.Kind, alert.CallerMasked, alert.Source, alert.IdsLocked, alert.FirstLockAt, alert.LastLockAt, alert.LastCallId));
        Assert.Equal(["330106********0048", "110105********002X"], alert.IdsMasked);
        Assert.Single(_f.Log, l => l.StartsWith("pin alert: caller 139*****678 has locked 2 IDs within 24 h", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Alert_NotLoggedAgainWhenAnIdLocksAgain()
    {
        await LockAsync(Attacker, "call-a", RetireeId);
        await LockAsync(Attacker, "call-b", WorkerId);
        _f.Time.Advance(TimeSpan.FromMinutes(16)); // the worker's first lock (15 min) has run out

        await LockAsync(Attacker, "call-c", WorkerId);

        Assert.Single(_f.Log, l => l.StartsWith("pin alert:", StringComparison.Ordinal));
        var alert = Assert.Single(await AlertsAsync());
        Assert.Equal((2, "call-c"), (alert.IdsLocked, alert.LastCallId));
    }

    [SkippableFact]
    public async Task Alert_AFurtherId_LoggedAgainWithTheCount()
    {
        await LockAsync(Attacker, "call-a", RetireeId);
        await LockAsync(Attacker, "call-b", WorkerId);

        await LockAsync(Attacker, "call-d", UnknownId(1));

        Assert.Equal(["pin alert: caller 139*****678 has locked 2 IDs within 24 h (latest in call call-b)",
            "pin alert: caller 139*****678 has locked 3 IDs within 24 h (latest in call call-d)"], _f.Log.Where(l => l.StartsWith("pin alert:", StringComparison.Ordinal)));
        Assert.Equal(3, Assert.Single(await AlertsAsync()).IdsLocked);
    }

    [SkippableFact]
    public async Task Alert_OnlyWithin24Hours()
    {
        await LockAsync(Attacker, "call-a", RetireeId);
        _f.Time.Advance(TimeSpan.FromHours(24));

        await LockAsync(Attacker, "call-b", WorkerId);

        Assert.Empty(await AlertsAsync());
        Assert.DoesNotContain(_f.Log, l => l.StartsWith("pin alert:", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Alert_OnASourceThatLocksTwoIdsFromTwoNumbers()
    {
        await LockAsync(Attacker, "call-a", RetireeId, source: "198.51.100.7");
        await LockAsync(Holder, "call-b", WorkerId, source: "198.51.100.7");

        var alert = Assert.Single(await AlertsAsync());
        Assert.Equal((PinAlarm.BySource, (string?)null, "198.51.100.7", 2), (alert.Kind, alert.CallerMasked, alert.Source, alert.IdsLocked));
        Assert.Single(_f.Log, l => l.StartsWith("pin alert: source 198.51.100.7 has locked 2 IDs", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Alert_NotRaisedByLocksFromDifferentNumbers()
    {
        await LockAsync(Attacker, "call-a", RetireeId);
        await LockAsync(Holder, "call-b", WorkerId);

        Assert.Empty(await AlertsAsync());
    }

    [SkippableFact]
    public async Task Alarm_OnePerNumberPerWindow_FurtherIdsCounted_ANewOneAfterTheWindow()
    {
        await LockAsync(Attacker, "call-a", RetireeId);
        _f.Time.Advance(TimeSpan.FromMinutes(5));
        await LockAsync(Attacker, "call-b", WorkerId);
        var raised = _f.Time.GetUtcNow();
        _f.Time.Advance(TimeSpan.FromHours(1));
        await LockAsync(Attacker, "call-c", UnknownId(1));

        var alarm = Assert.Single(await AlertsAsync());
        Assert.Equal((raised, 3, "call-c", PinAlarm.Pending), (alarm.RaisedAt, alarm.IdsLocked, alarm.LastCallId, alarm.PageState));

        _f.Time.Advance(TimeSpan.FromHours(30));
        await LockAsync(Attacker, "call-d", UnknownId(2));
        Assert.Single(await AlertsAsync());
        await LockAsync(Attacker, "call-e", UnknownId(3));

        Assert.Equal([("call-e", 2), ("call-c", 3)], (await AlertsAsync()).Select(a => (a.LastCallId, a.IdsLocked)));
    }

    [SkippableFact]
    public async Task NothingStoredOrLogged_HoldsAnIdOrPinInClear()
    {
        await LockAsync(Attacker, "call-a", RetireeId);
        await LockAsync(Attacker, "call-b", WorkerId);
        await VerifyAsync(Attacker, "call-b", UnknownId(1), WorkerPin);

        using var connection = _f.Database.OpenConnection();
        var stored = string.Join("|", connection.Query<string>(
            "SELECT caller_key || call_id || subject_key FROM pin_attempts;"));
        var origins = string.Join("|", connection.Query<string>(
            "SELECT call_id || caller_key || caller_masked || subject_key || subject_masked FROM pin_lock_origins;"));
        Assert.Equal(2, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pin_lock_origins;"));
        Assert.DoesNotContain(Attacker, origins);
        Assert.DoesNotContain(Attacker, stored); // the per-caller throttle counts a salted key, not the number
        var logged = string.Join("|", _f.Log);
        foreach (var secret in new[] { RetireeId, WorkerId, UnknownId(1), WorkerPin, "111111" })
        {
            Assert.DoesNotContain(secret, stored);
            Assert.DoesNotContain(secret, origins);
            Assert.DoesNotContain(secret, logged);
        }
        Assert.DoesNotContain(Attacker, logged);
    }

    [SkippableFact]
    public async Task Unlock_LiftsALockUntilUnlocked_ThenTheRightPinWorks()
    {
        for (var step = 0; step < 3; step++)
        {
            await LockAsync(Holder, $"call-{step}", RetireeId);
            _f.Time.Advance(TimeSpan.FromHours(1));
        }
        _f.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal("locked", (await VerifyAsync(Holder, "call-x", RetireeId, RetireePin)).Outcome);

        Assert.True(await new PinUnlock(_f.Database, _f.Time).UnlockAsync(RetireeId, CancellationToken.None));

        Assert.Equal("ok", (await VerifyAsync(Holder, "call-y", RetireeId, RetireePin)).Outcome);
        Assert.False(await new PinUnlock(_f.Database, _f.Time).UnlockAsync(RetireeId, CancellationToken.None));
    }

    private const string ServiceOutcomesThrottled = Ivr.Data.Services.ServiceOutcomes.Throttled;

    /// <summary>IDs nobody has (the back end answers them like wrong PINs).</summary>
    private static string UnknownId(int i) => $"1101012000010100{i:D2}";

    private async Task LockAsync(string caller, string callId, string id, string? source = null)
    {
        LookupResult last = LookupResult.Of("none");
        for (var i = 0; i < 3; i++) last = await VerifyAsync(caller, callId, id, "111111", source);
        Assert.Equal("locked", last.Outcome);
    }

    private async Task<IReadOnlyList<PinAlarm>> AlertsAsync()
    {
        using var connection = _f.Database.OpenConnection();
        return await new PinAlarmStore(connection).ListAsync(null, CancellationToken.None);
    }

    private async Task<LookupResult> VerifyAsync(string caller, string callId, string id, string pin, string? source = null)
    {
        var inputs = new Dictionary<string, string> { ["id"] = id, ["pin"] = pin, ["call_id"] = callId, ["caller"] = caller };
        if (source is not null) inputs["source"] = source;
        return await _f.Service.ExecuteAsync("auth.verify_pin", inputs, CancellationToken.None);
    }

    public void Dispose() => _f.Dispose();
}

public sealed class PinThrottleOperationsOnSqliteTests() : PinThrottleOperationsTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PinThrottleOperationsOnPostgresTests(PostgresServer server) : PinThrottleOperationsTests(server.NewDatabase());
