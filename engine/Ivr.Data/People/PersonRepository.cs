using System.Data;
using Dapper;

namespace Ivr.Data.People;

/// <summary>The SQL of <c>people</c>.</summary>
public sealed class PersonRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    internal const string InsertSql = """
        INSERT INTO people (id, name, region, birth_date, pin_hash) VALUES (@id, @name, @region, @birth_date, @pin_hash);
        """;

    public async Task<Person?> FindAsync(string id, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(string Id, string Name, string Region, string BirthDate, string? PinHash)>(
            new CommandDefinition("SELECT id, name, region, birth_date, pin_hash FROM people WHERE id = @id;",
                new { id }, transaction, cancellationToken: cancellation));
        return rows.Select(r => new Person(r.Id, r.Name, r.Region, DbTime.DateFromText(r.BirthDate), r.PinHash)).FirstOrDefault();
    }

    public Task InsertAsync(Person person, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            id = person.Id, name = person.Name, region = person.Region,
            birth_date = DbTime.ToText(person.BirthDate), pin_hash = person.PinHash,
        }, transaction, cancellationToken: cancellation));

    public async Task<bool> SetPinHashAsync(string id, string pinHash, CancellationToken cancellation)
        => await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE people SET pin_hash = @pinHash WHERE id = @id;", new { id, pinHash }, transaction, cancellationToken: cancellation)) == 1;

    public Task<long> CountAsync(CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM people;", transaction: transaction, cancellationToken: cancellation));
}
