using Ivr.Data;
using Ivr.Data.Accounts;

namespace Ivr.Host.Maintenance;

/// <summary>Writes prunes and backups into the console's access log (admins read it on 用户与审计), user <c>system</c>.</summary>
public static class MaintenanceAudit
{
    public const string RetentionPrune = "retention_prune";
    public const string Backup = "backup";

    public static async Task WriteAsync(IvrDatabase database, DateTimeOffset at, string where, string action, string target, string outcome,
        string detail, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        await new AccessLogRepository(connection).AppendAsync(new AccessLogEntry(0, at, "system", where, action, target, outcome, detail), cancellation);
    }
}
