using System.Data;
using System.Data.Common;
using Dapper;

namespace Ivr.Data.Migrations;

/// <summary>
/// Applies pending migrations in version order, each in its own transaction together with its
/// <c>schema_version</c> row, so a step is either wholly applied and recorded or not at all.
/// The applied set is read inside the write transaction (SQLite: immediate; PostgreSQL: under an
/// advisory lock every node takes), so two processes opening the same database at once do not apply
/// a step twice. A database already at a version this program does not know is refused untouched.
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
    /// <exception cref="InvalidOperationException">A step failed (rolled back), or the schema is newer than <paramref name="migrations"/>.</exception>
    public IReadOnlyList<int> Apply(DbConnection connection, IReadOnlyList<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var ordered = Validate(migrations);
        var dialect = connection.Dialect();
        using (var create = connection.BeginWrite())
        {
            connection.LockKeyAsync(create, "ivr", "migrations", CancellationToken.None).GetAwaiter().GetResult();
            Execute(connection, create, dialect == DatabaseDialect.Sqlite ? CreateVersionTable : PostgresDdl.From(CreateVersionTable));
            create.Commit();
        }
        RefuseNewerSchema(connection, ordered);

        var applied = new List<int>();
        foreach (var migration in ordered)
        {
            using var transaction = connection.BeginWrite();
            connection.LockKeyAsync(transaction, "ivr", "migrations", CancellationToken.None).GetAwaiter().GetResult();
            if (IsApplied(connection, transaction, migration.Version))
            {
                transaction.Rollback();
                continue;
            }
            try
            {
                Execute(connection, transaction, migration.SqlFor(dialect));
            }
            catch (DbException ex)
            {
                throw new DatabaseOpenException($"Migration {migration.Version} ({migration.Name}) failed: {ex.Message}", ex);
            }
            connection.Execute("INSERT INTO schema_version (version, name, applied_at) VALUES (@v, @n, @at);",
                new { v = migration.Version, n = migration.Name, at = DbTime.ToText(time.GetUtcNow()) }, transaction);
            transaction.Commit();
            applied.Add(migration.Version);
        }
        return applied;
    }

    /// <summary>The versions recorded in <c>schema_version</c>, ascending.</summary>
    public static IReadOnlyList<int> AppliedVersions(IDbConnection connection)
        => connection.Query<long>("SELECT version FROM schema_version ORDER BY version;").Select(v => (int)v).ToList();

    private static void RefuseNewerSchema(DbConnection connection, List<Migration> ordered)
    {
        var known = ordered.Count == 0 ? 0 : ordered[^1].Version;
        var newest = connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version;") ?? 0;
        if (newest > known)
            throw new DatabaseOpenException(
                $"The database schema is at version {newest}, newer than this program knows (version {known}): upgrade ivr before using this database.");
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

    private static bool IsApplied(DbConnection connection, DbTransaction transaction, int version)
        => connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_version WHERE version = @v;", new { v = version }, transaction) > 0;

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
