using Ivr.Data.Security;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Security;

public abstract class PinLockoutTests : IDisposable
{
    private const string Subject = "11010519491231002X";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly TestDatabase _file;

    protected PinLockoutTests(TestDatabase file) => _file = file;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 23, 50, 0, China));

    [SkippableFact]
    public async Task ThirdFailure_LocksFor15Minutes()
    {
        using var connection = _file.Open().OpenConnection();
        var store = new PinLockStore(connection);
        var lockout = new PinLockout(_time);

        Assert.Equal(new PinFailureResult(2, null), await lockout.RecordFailureAsync(store, Subject, default));
        Assert.Equal(new PinFailureResult(1, null), await lockout.RecordFailureAsync(store, Subject, default));
        var third = await lockout.RecordFailureAsync(store, Subject, default);

        var until = _time.GetUtcNow() + TimeSpan.FromMinutes(15);
        Assert.Equal(until, third.LockedUntil);
        Assert.Equal(until, await lockout.LockedUntilAsync(store, Subject, default));
        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromTicks(1));
        Assert.NotNull(await lockout.LockedUntilAsync(store, Subject, default));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await lockout.LockedUntilAsync(store, Subject, default));
    }

    [SkippableFact]
    public async Task SixthFailure_LocksForAnHour_NinthUntilUnlocked()
    {
        using var connection = _file.Open().OpenConnection();
        var store = new PinLockStore(connection);
        var lockout = new PinLockout(_time);
        await FailAsync(lockout, store, 3);
        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(new PinFailureResult(2, null), await lockout.RecordFailureAsync(store, Subject, default));
        await lockout.RecordFailureAsync(store, Subject, default);
        var sixth = await lockout.RecordFailureAsync(store, Subject, default);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(1), sixth.LockedUntil);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await lockout.LockedUntilAsync(store, Subject, default));

        await FailAsync(lockout, store, 2);
        var ninth = await lockout.RecordFailureAsync(store, Subject, default);

        Assert.Equal(PinLockout.UntilUnlocked, ninth.LockedUntil);
        _time.Advance(TimeSpan.FromDays(400));
        Assert.Equal(PinLockout.UntilUnlocked, await lockout.LockedUntilAsync(store, Subject, default));
    }

    [SkippableFact]
    public async Task Unlock_LiftsTheLastStepAndForgetsFailures()
    {
        using var connection = _file.Open().OpenConnection();
        var store = new PinLockStore(connection);
        var lockout = new PinLockout(_time);
        for (var step = 0; step < 3; step++)
        {
            await FailAsync(lockout, store, 3);
            _time.Advance(TimeSpan.FromHours(1));
        }
        Assert.NotNull(await lockout.LockedUntilAsync(store, Subject, default));

        Assert.True(await store.UnlockAsync(Subject, default));

        Assert.Null(await lockout.LockedUntilAsync(store, Subject, default));
        Assert.Equal(new PinFailureResult(2, null), await lockout.RecordFailureAsync(store, Subject, default));
    }

    [SkippableFact]
    public async Task FailuresOlderThanTheWindow_DoNotEscalate()
    {
        using var connection = _file.Open().OpenConnection();
        var store = new PinLockStore(connection);
        var lockout = new PinLockout(_time);
        await FailAsync(lockout, store, 3);
        _time.Advance(PinLockout.Window);

        await FailAsync(lockout, store, 2);
        var third = await lockout.RecordFailureAsync(store, Subject, default);

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(15), third.LockedUntil);
    }

    [SkippableFact]
    public async Task RightPin_ClearsFailures_SoTheNextLockIsTheFirstStep()
    {
        using var connection = _file.Open().OpenConnection();
        var store = new PinLockStore(connection);
        var lockout = new PinLockout(_time);
        await FailAsync(lockout, store, 3);
        _time.Advance(TimeSpan.FromMinutes(15));
        await lockout.RecordSuccessAsync(store, Subject, default);

        await FailAsync(lockout, store, 2);
        var third = await lockout.RecordFailureAsync(store, Subject, default);

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(15), third.LockedUntil);
    }

    [SkippableFact]
    public async Task Subjects_CountedSeparately()
    {
        using var connection = _file.Open().OpenConnection();
        var store = new PinLockStore(connection);
        var lockout = new PinLockout(_time);
        await lockout.RecordFailureAsync(store, Subject, default);
        await lockout.RecordFailureAsync(store, Subject, default);

        Assert.Equal(2, (await lockout.RecordFailureAsync(store, "330106198001010048", default)).TriesLeft);
    }

    private static async Task FailAsync(PinLockout lockout, PinLockStore store, int times)
    {
        for (var i = 0; i < times; i++) await lockout.RecordFailureAsync(store, Subject, default);
    }

    public void Dispose() => _file.Dispose();
}

public sealed class PinLockoutOnSqliteTests() : PinLockoutTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PinLockoutOnPostgresTests(PostgresServer server) : PinLockoutTests(server.NewDatabase());
