using System.Data.Common;
using Dapper;

namespace Ivr.Data.Rollups;

/// <summary>
/// Adds survey answers to <c>rollup_surveys</c> (migration 24) and marks them <c>rolled_up</c> in the same transaction:
/// the answers of calls being rolled up (<see cref="CallRollupWriter"/>), and answers written after their call was
/// rolled up (<see cref="CatchUpAsync"/>). Answers not rolled up are counted live by <see cref="RollupReader"/>.
/// </summary>
internal static class SurveyRollup
{
    private const int Chunk = CallRollupWriter.Chunk;

    private static readonly RowsStatement MarkRolledUp = new(new("UPDATE surveys SET rolled_up = 1 WHERE id = @id;", "@id"),
        "UPDATE surveys SET rolled_up = 1 WHERE id = ANY ($1::bigint[]);");

    /// <summary>The answers not rolled up yet of the calls of <paramref name="versions"/> (call id → flow version).</summary>
    public static int RollUp(DbConnection connection, DbTransaction? transaction, IReadOnlyDictionary<string, string> versions, RollupTally tally, StatementBatch batch)
    {
        var answers = connection.Query<(long Id, string CallId, long Score, string At)>(
            $"SELECT id, call_id, score, at FROM surveys WHERE rolled_up = 0 AND {connection.InList("call_id", "ids")};",
            new { ids = versions.Keys.ToArray() }, transaction).ToList();
        var marked = new GatheredRows(batch, MarkRolledUp);
        foreach (var a in answers)
        {
            tally.AddSurvey(versions[a.CallId], (int)a.Score, DbTime.FromText(a.At));
            marked.Add(a.Id);
        }
        marked.Queue();
        return answers.Count;
    }

    /// <summary>Rolls up the answers whose call is rolled up and they are not, a chunk per transaction.</summary>
    public static async Task<long> CatchUpAsync(IvrDatabase database, CancellationToken cancellation)
    {
        long total = 0;
        while (!cancellation.IsCancellationRequested)
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            await using var transaction = connection.BeginWrite();
            var answers = (await connection.QueryAsync<(long Id, string FlowVersion, long Score, string At)>(new CommandDefinition("""
                SELECT s.id, c.flow_version, s.score, s.at FROM surveys s JOIN calls c ON c.id = s.call_id
                WHERE s.rolled_up = 0 AND c.rolled_up = 1 LIMIT @limit;
                """, new { limit = Chunk }, transaction, cancellationToken: cancellation))).ToList();
            if (answers.Count == 0) break;
            var tally = new RollupTally();
            using (var batch = new StatementBatch(connection, transaction))
            {
                var marked = new GatheredRows(batch, MarkRolledUp);
                foreach (var a in answers)
                {
                    tally.AddSurvey(a.FlowVersion, (int)a.Score, DbTime.FromText(a.At));
                    marked.Add(a.Id);
                }
                marked.Queue();
                batch.Execute();
            }
            tally.Write(connection, transaction);
            await transaction.CommitAsync(cancellation);
            total += answers.Count;
        }
        return total;
    }
}
