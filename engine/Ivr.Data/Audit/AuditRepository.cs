using System.Data;
using Dapper;

namespace Ivr.Data.Audit;

/// <summary>The SQL of <c>audit</c>: append and read, never update.</summary>
public sealed class AuditRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellation)
        => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit (call_id, at, action, subject_masked, outcome) VALUES (@callId, @at, @action, @subject, @outcome);
            """, new { callId = entry.CallId, at = DbTime.ToText(entry.At), action = ToText(entry.Action), subject = entry.SubjectMasked, outcome = entry.Outcome },
            transaction, cancellationToken: cancellation));

    /// <summary>The latest entries, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int count, CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(string CallId, string At, string Action, string Subject, string Outcome)>(new CommandDefinition(
            "SELECT call_id, at, action, subject_masked, outcome FROM audit ORDER BY id DESC LIMIT @count;",
            new { count }, transaction, cancellationToken: cancellation));
        return rows.Select(r => new AuditEntry(r.CallId, DbTime.FromText(r.At), FromText(r.Action), r.Subject, r.Outcome)).ToList();
    }

    internal static string ToText(AuditAction action) => action switch
    {
        AuditAction.PinChange => "pin_change",
        AuditAction.LossReport => "loss_report",
        _ => "lockout",
    };

    private static AuditAction FromText(string text) => text switch
    {
        "pin_change" => AuditAction.PinChange,
        "loss_report" => AuditAction.LossReport,
        _ => AuditAction.Lockout,
    };
}
