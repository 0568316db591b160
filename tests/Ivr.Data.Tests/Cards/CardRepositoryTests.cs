using Ivr.Data.Cards;
using Ivr.Data.People;

namespace Ivr.Data.Tests.Cards;

public abstract class CardRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly TestDatabase _file;

    protected CardRepositoryTests(TestDatabase file) => _file = file;

    [SkippableFact]
    public async Task MarkLost_ActiveCard_OnceOnly()
    {
        var database = _file.Open();
        using var connection = database.OpenConnection();
        await new PersonRepository(connection).InsertAsync(new Person("11010519491231002X", "张建国", "110105", new DateOnly(1949, 12, 31), null), default);
        var cards = new CardRepository(connection);
        await cards.InsertAsync(new Card("100000000001", "1000000001", "11010519491231002X", CardStatus.Active), default);

        Assert.True(await cards.MarkLostAsync("100000000001", At, "20261123000001", default));
        Assert.False(await cards.MarkLostAsync("100000000001", At, "20261123000002", default));

        var card = await cards.FindByNumberOrSerialAsync("1000000001", default);
        Assert.Equal(new Card("100000000001", "1000000001", "11010519491231002X", CardStatus.Lost, At, "20261123000001"), card);
    }

    [SkippableFact]
    public async Task FindByPerson_PrefersActiveCard()
    {
        var database = _file.Open();
        using var connection = database.OpenConnection();
        await new PersonRepository(connection).InsertAsync(new Person("11010519491231002X", "张建国", "110105", new DateOnly(1949, 12, 31), null), default);
        var cards = new CardRepository(connection);
        await cards.InsertAsync(new Card("100000000001", "1000000001", "11010519491231002X", CardStatus.Lost, At, "1"), default);
        await cards.InsertAsync(new Card("100000000002", "1000000002", "11010519491231002X", CardStatus.Active), default);

        Assert.Equal("100000000002", (await cards.FindByPersonAsync("11010519491231002X", default))!.Number);
    }

    [SkippableFact]
    public async Task Insert_CardForUnknownPerson_ForeignKeyRefuses()
    {
        var database = _file.Open();
        using var connection = database.OpenConnection();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            new CardRepository(connection).InsertAsync(new Card("100000000001", "1000000001", "nobody", CardStatus.Active), default));
    }

    public void Dispose() => _file.Dispose();
}

public sealed class CardRepositoryOnSqliteTests() : CardRepositoryTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class CardRepositoryOnPostgresTests(PostgresServer server) : CardRepositoryTests(server.NewDatabase());
