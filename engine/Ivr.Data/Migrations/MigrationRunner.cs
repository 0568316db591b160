using Microsoft.Data.Sqlite;

namespace Ivr.Data.Migrations;

/// <summary>
/// Applies pending migrations in version order, each in its own transaction together with its
/// <c>schema_version</c> row, so a step is either wholly applied and recorded or not at all.
/// The applied set is read inside the (immediate) transaction: two processes opening the same
/// file at once do not apply a step twice.
/// </summary>
public sealed class MigrationRunner(TimeProvider time)
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        """;

    /// <returns>The versions applied now, in order.</returns>
    public IReadOnlyList<int> Apply(SqliteConnection connection, IReadOnlyList<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var ordered = Validate(migrations);
        Execute(connection, null, CreateVersionTable);

        var applied = new List<int>();
        foreach (var migration in ordered)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            if (IsApplied(connection, transaction, migration.Version))
            {
                transaction.Rollback();
                continue;
            }
            try
            {
                Execute(connection, transaction, migration.Sql);
            }
            catch (SqliteException ex)
            {
                throw new InvalidOperationException($"Migration {migration.Version} ({migration.Name}) failed: {ex.Message}", ex);
            }
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $n, $at);";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                record.Parameters.AddWithValue("$at", DbTime.ToText(time.GetUtcNow()));
                record.ExecuteNonQuery();
            }
            transaction.Commit();
            applied.Add(migration.Version);
        }
        return applied;
    }

    /// <summary>The versions recorded in <c>schema_version</c>, ascending.</summary>
    public static IReadOnlyList<int> AppliedVersions(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_version ORDER BY version;";
        using var reader = command.ExecuteReader();
        var versions = new List<int>();
        while (reader.Read()) versions.Add(reader.GetInt32(0));
        return versions;
    }

    private static List<Migration> Validate(IReadOnlyList<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Version <= 0)
                throw new ArgumentException($"Migration '{ordered[i].Name}' has version {ordered[i].Version}; versions start at 1.", nameof(migrations));
            if (i > 0 && ordered[i].Version == ordered[i - 1].Version)
                throw new ArgumentException($"Two migrations have version {ordered[i].Version}.", nameof(migrations));
        }
        return ordered;
    }

    private static bool IsApplied(SqliteConnection connection, SqliteTransaction transaction, int version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM schema_version WHERE version = $v;";
        command.Parameters.AddWithValue("$v", version);
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
