namespace Ivr.Data;

/// <summary>Which SQL the hotline database speaks: the embedded SQLite file of one machine, or the
/// PostgreSQL server several nodes share.</summary>
public enum DatabaseDialect
{
    Sqlite,
    PostgreSql,
}
