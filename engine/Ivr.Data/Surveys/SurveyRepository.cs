using System.Data;
using Dapper;

namespace Ivr.Data.Surveys;

/// <summary>The SQL of <c>surveys</c>.</summary>
public sealed class SurveyRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    public Task<long> InsertAsync(string callId, int score, DateTimeOffset at, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO surveys (call_id, score, at) VALUES (@callId, @score, @at) RETURNING id;",
            new { callId, score, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation));

    /// <summary>Whether the call's answer given at <paramref name="at"/> is stored (a spooled one written before).</summary>
    public Task<bool> ExistsAsync(string callId, DateTimeOffset at, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM surveys WHERE call_id = @callId AND at = @at);",
            new { callId, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation));

    public async Task<IReadOnlyList<SurveyResponse>> ForCallAsync(string callId, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(long Id, string CallId, long Score, string At)>(new CommandDefinition(
            "SELECT id, call_id, score, at FROM surveys WHERE call_id = @callId ORDER BY id;",
            new { callId }, transaction, cancellationToken: cancellation));
        return rows.Select(r => new SurveyResponse(r.Id, r.CallId, (int)r.Score, DbTime.FromText(r.At))).ToList();
    }
}
