using Dapper;
using Ivr.Core.Handoffs;
using Ivr.Data.Handoffs;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Handoffs;

public abstract class HandoffTokenStoreTests : IDisposable
{
    private static readonly Handoff Result = new(HandoffKinds.AssistResult, "call-1", "agent1001",
        new Dictionary<string, string> { ["result"] = "verified", ["id_number"] = "11010519491231002X" });

    private readonly TestDatabase _file;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)));

    protected HandoffTokenStoreTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public async Task Issue_FindThenTake_ReadableOnceWithItsValues()
    {
        var store = new HandoffTokenStore(_file.Open(), _time);
        var token = await store.IssueAsync(Result, default);

        Assert.True(HandoffTokenStore.IsWellFormed(token));
        var found = await store.FindAsync(HandoffKinds.AssistResult, token, default);
        Assert.NotNull(found);
        Assert.Equal(("call-1", "agent1001"), (found.Handoff.CallId, found.Handoff.Agent));
        Assert.Equal("11010519491231002X", found.Handoff.Values["id_number"]);
        Assert.Equal(_time.GetUtcNow(), found.IssuedAt);
        Assert.True(await store.TakeAsync(HandoffKinds.AssistResult, token, default));

        Assert.False(await store.TakeAsync(HandoffKinds.AssistResult, token, default));
        Assert.Null(await store.FindAsync(HandoffKinds.AssistResult, token, default));
    }

    [SkippableFact]
    public async Task Token_ExpiresAfterTenMinutes_AndOnlyForItsKind()
    {
        var store = new HandoffTokenStore(_file.Open(), _time);
        var token = await store.IssueAsync(Result, default);

        Assert.Null(await store.FindAsync(HandoffKinds.TransferContext, token, default));
        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await store.FindAsync(HandoffKinds.AssistResult, token, default));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.FindAsync(HandoffKinds.AssistResult, token, default));
        Assert.False(await store.TakeAsync(HandoffKinds.AssistResult, token, default));
    }

    [SkippableFact]
    public async Task TwoNodesTakeAtOnce_ExactlyOneGetsIt()
    {
        var first = new HandoffTokenStore(_file.Open(), _time);
        var second = new HandoffTokenStore(_file.Open(), _time);
        var token = await first.IssueAsync(Result, default);

        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).TakeAsync(HandoffKinds.AssistResult, token, default)));

        Assert.Single(taken, t => t);
    }

    [SkippableFact]
    public async Task SpentOrExpired_NothingKept_TheClearIdGoneFromTheDatabase()
    {
        var database = _file.Open();
        var store = new HandoffTokenStore(database, _time);
        var spent = await store.IssueAsync(Result, default);
        _time.Advance(TimeSpan.FromMinutes(1));
        var unread = await store.IssueAsync(Result, default);
        Assert.Equal((2, 2), await RowsAsync(database));

        Assert.True(await store.TakeAsync(HandoffKinds.AssistResult, spent, default));
        Assert.Equal((1, 1), await RowsAsync(database));                 // the spent one is gone; the unread one waits
        _time.Advance(HandoffKinds.Lifetime);                          // the unread one expires now
        await store.IssueAsync(new Handoff(HandoffKinds.TransferContext, "call-2", null, new Dictionary<string, string> { ["queue"] = "general" }), default);

        Assert.Equal((1, 0), await RowsAsync(database));                 // only the new context; no clear ID anywhere
        Assert.False(await store.TakeAsync(HandoffKinds.AssistResult, unread, default));
    }

    /// <summary>All rows, and the rows whose payload holds the clear resident ID.</summary>
    private static async Task<(int All, int WithClearId)> RowsAsync(Ivr.Data.IvrDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(default);
        var all = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM handoff_tokens;");
        var clear = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM handoff_tokens WHERE payload LIKE '%11010519491231002X%';");
        return (all, clear);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("../../0123456789abcdef0123456789a")]
    public void IsWellFormed_RefusesAnythingButOurShape(string? token) => Assert.False(HandoffTokenStore.IsWellFormed(token));

    public void Dispose() => _file.Dispose();
}

public sealed class HandoffTokenStoreOnSqliteTests() : HandoffTokenStoreTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class HandoffTokenStoreOnPostgresTests(PostgresServer server) : HandoffTokenStoreTests(server.NewDatabase());
