using System.Data;
using Dapper;

namespace Ivr.Data.Pensions;

/// <summary>The SQL of <c>pensions</c>.</summary>
public sealed class PensionRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    internal const string InsertSql = """
        INSERT INTO pensions (person_id, monthly_fen, last_paid_month, account_balance_fen, years_contributed)
        VALUES (@person_id, @monthly_fen, @last_paid_month, @account_balance_fen, @years_contributed);
        """;

    public async Task<Pension?> FindAsync(string personId, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(string PersonId, long MonthlyFen, string LastPaidMonth, long AccountBalanceFen, long Years)>(
            new CommandDefinition("""
                SELECT person_id, monthly_fen, last_paid_month, account_balance_fen, years_contributed
                FROM pensions WHERE person_id = @personId;
                """, new { personId }, transaction, cancellationToken: cancellation));
        return rows.Select(r => new Pension(r.PersonId, r.MonthlyFen, r.LastPaidMonth, r.AccountBalanceFen, (int)r.Years)).FirstOrDefault();
    }

    public Task InsertAsync(Pension pension, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            person_id = pension.PersonId, monthly_fen = pension.MonthlyFen, last_paid_month = pension.LastPaidMonth,
            account_balance_fen = pension.AccountBalanceFen, years_contributed = pension.YearsContributed,
        }, transaction, cancellationToken: cancellation));
}
