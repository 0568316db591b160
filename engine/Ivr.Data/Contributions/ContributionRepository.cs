using System.Data;
using Dapper;

namespace Ivr.Data.Contributions;

/// <summary>The SQL of <c>contributions</c>.</summary>
public sealed class ContributionRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    internal const string InsertSql = """
        INSERT INTO contributions (person_id, last_month, months, medical_balance_fen, arrears_fen)
        VALUES (@person_id, @last_month, @months, @medical_balance_fen, @arrears_fen);
        """;

    public async Task<ContributionRecord?> FindAsync(string personId, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(string PersonId, string LastMonth, long Months, long Medical, long Arrears)>(
            new CommandDefinition("""
                SELECT person_id, last_month, months, medical_balance_fen, arrears_fen
                FROM contributions WHERE person_id = @personId;
                """, new { personId }, transaction, cancellationToken: cancellation));
        return rows.Select(r => new ContributionRecord(r.PersonId, r.LastMonth, (int)r.Months, r.Medical, r.Arrears)).FirstOrDefault();
    }

    public Task InsertAsync(ContributionRecord record, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            person_id = record.PersonId, last_month = record.LastMonth, months = record.Months,
            medical_balance_fen = record.MedicalBalanceFen, arrears_fen = record.ArrearsFen,
        }, transaction, cancellationToken: cancellation));
}
