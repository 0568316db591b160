using System.Data;
using Dapper;

namespace Ivr.Data.Switches;

/// <summary>The SQL of <c>switches</c> (M016): one row per switch an editor has flipped. On PostgreSQL a flip is announced
/// to every node (<c>NOTIFY</c> on <see cref="Channel"/>).</summary>
public sealed class SwitchStore(IDbConnection connection)
{
    /// <summary>The PostgreSQL notification channel of switch flips.</summary>
    public const string Channel = "ivr_switches";

    public async Task<IReadOnlyList<SwitchSetting>> AllAsync(CancellationToken cancellation)
    {
        var rows = await connection.QueryAsync<(string Name, string Value, string ChangedAt, string ChangedBy)>(new CommandDefinition(
            "SELECT name, value, changed_at, changed_by FROM switches ORDER BY name;", cancellationToken: cancellation)).ConfigureAwait(false);
        return rows.Select(r => new SwitchSetting(r.Name, r.Value, DbTime.FromText(r.ChangedAt), r.ChangedBy)).ToList();
    }

    public async Task SetAsync(SwitchSetting setting, CancellationToken cancellation)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO switches (name, value, changed_at, changed_by) VALUES (@name, @value, @at, @by)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at, changed_by = excluded.changed_by;
            """, new { name = setting.Name, value = setting.Value, at = DbTime.ToText(setting.ChangedAt), by = setting.ChangedBy },
            cancellationToken: cancellation)).ConfigureAwait(false);
        if (connection is Npgsql.NpgsqlConnection)
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@channel, '');", new { channel = Channel }, cancellationToken: cancellation))
                .ConfigureAwait(false);
    }
}
