using System.Data;
using Dapper;

namespace Ivr.Data.Cards;

/// <summary>The SQL of <c>cards</c>.</summary>
public sealed class CardRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    internal const string InsertSql = """
        INSERT INTO cards (number, serial, person_id, status, lost_at, loss_reference)
        VALUES (@number, @serial, @person_id, @status, @lost_at, @loss_reference);
        """;

    private const string Select = "SELECT number, serial, person_id, status, lost_at, loss_reference FROM cards";

    /// <summary>The holder's card: the active one if any, else the most recently lost.</summary>
    public async Task<Card?> FindByPersonAsync(string personId, CancellationToken cancellation)
        => (await QueryAsync($"{Select} WHERE person_id = @personId ORDER BY status = 'active' DESC, lost_at DESC LIMIT 1;", new { personId }, cancellation)).FirstOrDefault();

    /// <summary>The card with this 12-digit number or 10-digit serial.</summary>
    public async Task<Card?> FindByNumberOrSerialAsync(string numberOrSerial, CancellationToken cancellation)
        => (await QueryAsync($"{Select} WHERE number = @key OR serial = @key LIMIT 1;", new { key = numberOrSerial }, cancellation)).FirstOrDefault();

    public Task InsertAsync(Card card, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            number = card.Number, serial = card.Serial, person_id = card.PersonId, status = ToText(card.Status),
            lost_at = card.LostAt is { } at ? DbTime.ToText(at) : null, loss_reference = card.LossReference,
        }, transaction, cancellationToken: cancellation));

    /// <summary>Marks an active card lost; false when it was not active (already lost or unknown).</summary>
    public async Task<bool> MarkLostAsync(string number, DateTimeOffset at, string reference, CancellationToken cancellation)
        => await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cards SET status = 'lost', lost_at = @at, loss_reference = @reference WHERE number = @number AND status = 'active';",
            new { number, at = DbTime.ToText(at), reference }, transaction, cancellationToken: cancellation)) == 1;

    internal static string ToText(CardStatus status) => status == CardStatus.Lost ? "lost" : "active";

    private async Task<IEnumerable<Card>> QueryAsync(string sql, object parameters, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(string Number, string Serial, string PersonId, string Status, string? LostAt, string? LossReference)>(
            new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellation));
        return rows.Select(r => new Card(r.Number, r.Serial, r.PersonId, r.Status == "lost" ? CardStatus.Lost : CardStatus.Active,
            DbTime.FromNullableText(r.LostAt), r.LossReference));
    }
}
