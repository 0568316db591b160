using Dapper;

namespace Ivr.Data.Maintenance;

/// <summary>The SQL of <c>backup_runs</c>: every backup is recorded; the console shows the last success and the last failure.</summary>
public sealed class BackupRunRepository(IvrDatabase database)
{
    public async Task AppendAsync(BackupRun run, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO backup_runs (started_at, finished_at, node, trigger, outcome, file, bytes, detail)
            VALUES (@started, @finished, @node, @trigger, @outcome, @file, @bytes, @detail);
            """, new
            {
                started = DbTime.ToText(run.StartedAt), finished = DbTime.ToText(run.FinishedAt), node = run.Node, trigger = run.Trigger,
                outcome = run.Ok ? "ok" : "failed", file = run.File, bytes = run.Bytes, detail = run.Detail,
            }, cancellationToken: cancellation));
    }

    /// <summary>The newest backup that succeeded (<paramref name="ok"/>) or failed; null when there was none.</summary>
    public async Task<BackupRun?> LastAsync(bool ok, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var rows = await connection.QueryAsync<(string Started, string Finished, string Node, string Trigger, string File, long Bytes, string? Detail)>(
            new CommandDefinition("""
                SELECT started_at, finished_at, node, trigger, file, bytes, detail FROM backup_runs
                WHERE outcome = @outcome ORDER BY finished_at DESC, id DESC LIMIT 1;
                """, new { outcome = ok ? "ok" : "failed" }, cancellationToken: cancellation));
        return rows.Select(r => new BackupRun(DbTime.FromText(r.Started), DbTime.FromText(r.Finished), r.Node, r.Trigger, ok, r.File, r.Bytes, r.Detail))
            .FirstOrDefault();
    }
}
