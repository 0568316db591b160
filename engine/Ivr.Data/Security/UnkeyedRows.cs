using System.Data.Common;
using Dapper;

namespace Ivr.Data.Security;

/// <summary>
/// Brings the rows that stored the unkeyed form (<see cref="SaltedKey"/>, migrations 9–22) over to the keyed one
/// (<see cref="HashKey.Rekey"/>): the IDs and caller numbers of <c>pin_attempts</c> and <c>pin_lock_origins</c>, and the
/// caller origins of <c>pin_alarms</c>. Row by row in id order, inside the caller's transaction; an empty key (a row from
/// before M022 kept the caller only as '') stays empty.
/// </summary>
internal static class UnkeyedRows
{
    private static readonly (string Table, string[] Columns, string Where)[] Keyed =
    [
        ("pin_attempts", ["subject_key", "caller_key"], ""),
        ("pin_lock_origins", ["subject_key", "caller_key"], ""),
        ("pin_alarms", ["origin_key"], "WHERE kind = 'caller'"),
    ];

    public static async Task<long> RekeyAsync(DbConnection connection, DbTransaction transaction, HashKey key, CancellationToken cancellation)
    {
        long keys = 0;
        foreach (var (table, columns, where) in Keyed)
        {
            foreach (var column in columns)
            {
                var found = await connection.QueryAsync<(long Id, string Value)>(new CommandDefinition(
                    $"SELECT id, {column} FROM {table} {where} ORDER BY id;", transaction: transaction, cancellationToken: cancellation)).ConfigureAwait(false);
                var changes = found.Where(r => r.Value.Length > 0).Select(r => new { r.Id, Value = key.Rekey(r.Value) }).ToList();
                if (changes.Count == 0) continue;
                await connection.ExecuteAsync(new CommandDefinition($"UPDATE {table} SET {column} = @Value WHERE id = @Id;", changes, transaction,
                    cancellationToken: cancellation)).ConfigureAwait(false);
                keys += changes.Count;
            }
        }

        return keys;
    }
}
