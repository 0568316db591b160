using Ivr.Data.Switches;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Switches;

/// <summary>Editor switches (M016) on both databases: a flip is in this node's snapshot at once, in another node's after its next
/// refresh (SQLite: the next tick; PostgreSQL: at once, by NOTIFY).</summary>
public abstract class SwitchBoardTests : IDisposable
{
    private readonly TestDatabase _file;

    protected SwitchBoardTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public async Task Flip_StoredWithWhoAndWhen_SeenHereAtOnce_OtherNodeAfterItsRefresh_UpdatedInPlace()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        var database = _file.Open();
        await using var here = new SwitchBoard(database, time, _ => { });
        await using var there = new SwitchBoard(_file.Open(), time, _ => { });
        await here.StartRefreshing(TimeSpan.FromSeconds(1), CancellationToken.None);
        await there.StartRefreshing(TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Empty(here.Current);

        var setting = await here.SetAsync("announcement_on", "true", "editor", CancellationToken.None);
        Assert.Equal("true", here.Current["announcement_on"]);
        if (_file.Dialect == DatabaseDialect.Sqlite) Assert.False(there.Current.ContainsKey("announcement_on")); // PostgreSQL: may be told already
        await there.RefreshAsync(CancellationToken.None);
        Assert.Equal("true", there.Current["announcement_on"]);
        Assert.Equal(setting, there.Settings["announcement_on"]);

        time.Advance(TimeSpan.FromMinutes(1));
        await here.SetAsync("announcement_on", "false", "editor2", CancellationToken.None);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var stored = Assert.Single(await new SwitchStore(connection).AllAsync(CancellationToken.None));
        Assert.Equal(new SwitchSetting("announcement_on", "false", time.GetUtcNow(), "editor2"), stored);
    }

    [SkippableFact]
    public async Task DatabaseGone_LastValuesStay_LoggedOnce()
    {
        var time = new FakeTimeProvider();
        var log = new List<string>();
        var database = _file.Open();
        await using var board = new SwitchBoard(database, time, line => { lock (log) log.Add(line); });
        await board.SetAsync("announcement_on", "true", "editor", CancellationToken.None);
        await using (var connection = await database.OpenConnectionAsync(CancellationToken.None))
            await Dapper.SqlMapper.ExecuteAsync(connection, "DROP TABLE switches;");
        await board.RefreshAsync(CancellationToken.None);
        await board.RefreshAsync(CancellationToken.None);
        Assert.Equal("true", board.Current["announcement_on"]);
        lock (log) Assert.Single(log, l => l.Contains("cannot read the switch values"));
    }

    public void Dispose() => _file.Dispose();
}

public sealed class SwitchBoardOnSqliteTests() : SwitchBoardTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class SwitchBoardOnPostgresTests(PostgresServer server) : SwitchBoardTests(server.NewDatabase());

/// <summary>A database of its own (the shared tests drop <c>switches</c>).</summary>
[Collection(PostgresCollection.Name)]
public sealed class SwitchBoardNotifiedOnPostgresTests(PostgresServer server) : IDisposable
{
    private readonly PostgresDatabase _file = server.NewDatabase();

    [SkippableFact]
    public async Task Flip_OtherNodeHasIt_WithoutAPoll()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)); // never advanced: no timer fires
        await using var here = new SwitchBoard(_file.Open(), time, _ => { });
        await using var there = new SwitchBoard(_file.Open(), time, _ => { });
        await here.StartRefreshing(TimeSpan.FromSeconds(1), CancellationToken.None);
        await there.StartRefreshing(TimeSpan.FromSeconds(1), CancellationToken.None);
        await here.SetAsync("announcement_on", "true", "editor", CancellationToken.None);
        await SeenAsync(there, "true", TimeSpan.FromSeconds(10)); // by NOTIFY, or by the read after its LISTEN if that came later

        await here.SetAsync("announcement_on", "false", "editor", CancellationToken.None); // listening by now: only NOTIFY tells it
        await SeenAsync(there, "false", TimeSpan.FromSeconds(5)); // at once on a quiet machine; the clock never moves, so no poll did it
    }

    private static Task SeenAsync(SwitchBoard board, string value, TimeSpan limit)
        => Waiting.UntilAsync(() => board.Current.TryGetValue("announcement_on", out var seen) && seen == value, limit);

    public void Dispose() => _file.Dispose();
}
