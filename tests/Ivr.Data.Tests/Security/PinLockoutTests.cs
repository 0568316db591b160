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
    public async Task ThirdFailure_LocksUntilNextChinaMidnight()
    {
        using var connection = _file.Open().OpenConnection();
        var store = new PinLockStore(connection);
        var lockout = new PinLockout(_time);

        Assert.Equal(new PinFailureResult(2, null), await lockout.RecordFailureAsync(store, Subject, default));
        Assert.Equal(new PinFailureResult(1, null), await lockout.RecordFailureAsync(store, Subject, default));
        var third = await lockout.RecordFailureAsync(store, Subject, default);

        var midnight = new DateTimeOffset(2026, 11, 24, 0, 0, 0, China);
        Assert.Equal(midnight, third.LockedUntil);
        Assert.Equal(midnight, await lockout.LockedUntilAsync(store, Subject, default));
        _time.SetUtcNow(midnight);
        Assert.Null(await lockout.LockedUntilAsync(store, Subject, default));
    }

    [SkippableFact]
    public async Task AfterLockEnds_CountStartsAfresh()
    {
        using var connection = _file.Open().OpenConnection();
        var store = new PinLockStore(connection);
        var lockout = new PinLockout(_time);
        for (var i = 0; i < 3; i++) await lockout.RecordFailureAsync(store, Subject, default);
        _time.Advance(TimeSpan.FromMinutes(15));

        var next = await lockout.RecordFailureAsync(store, Subject, default);

        Assert.Equal(new PinFailureResult(2, null), next);
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

    public void Dispose() => _file.Dispose();
}

public sealed class PinLockoutOnSqliteTests() : PinLockoutTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PinLockoutOnPostgresTests(PostgresServer server) : PinLockoutTests(server.NewDatabase());
