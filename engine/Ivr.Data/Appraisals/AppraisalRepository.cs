using System.Data;
using Dapper;

namespace Ivr.Data.Appraisals;

/// <summary>The SQL of <c>appraisals</c>.</summary>
public sealed class AppraisalRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    internal const string InsertSql = """
        INSERT INTO appraisals (number, person_id, conclusion, grade) VALUES (@number, @person_id, @conclusion, @grade);
        """;

    private const string Select = "SELECT number, person_id, conclusion, grade FROM appraisals";

    public Task<Appraisal?> FindByNumberAsync(string number, CancellationToken cancellation)
        => FirstAsync($"{Select} WHERE number = @key;", number, cancellation);

    /// <summary>The person's latest appraisal (highest number).</summary>
    public Task<Appraisal?> FindLatestForPersonAsync(string personId, CancellationToken cancellation)
        => FirstAsync($"{Select} WHERE person_id = @key ORDER BY number DESC LIMIT 1;", personId, cancellation);

    public Task InsertAsync(Appraisal appraisal, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            number = appraisal.Number, person_id = appraisal.PersonId, conclusion = appraisal.Conclusion, grade = appraisal.Grade,
        }, transaction, cancellationToken: cancellation));

    private async Task<Appraisal?> FirstAsync(string sql, string key, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(string Number, string PersonId, string Conclusion, string Grade)>(
            new CommandDefinition(sql, new { key }, transaction, cancellationToken: cancellation));
        return rows.Select(r => new Appraisal(r.Number, r.PersonId, r.Conclusion, r.Grade)).FirstOrDefault();
    }
}
