namespace Ivr.Data.Migrations;

/// <summary>One schema step. <see cref="Version"/> orders the steps and is recorded in
/// <c>schema_version</c> once applied; a published migration is never edited, only followed.
/// <see cref="Sql"/> is SQLite's text; <see cref="PostgresSql"/> PostgreSQL's where it differs, else
/// <see cref="PostgresDdl.From"/> derives it (integers as <c>bigint</c>, <c>INTEGER PRIMARY KEY</c> as an identity).</summary>
public sealed record Migration(int Version, string Name, string Sql, string? PostgresSql = null)
{
    public string SqlFor(DatabaseDialect dialect)
        => dialect == DatabaseDialect.Sqlite ? Sql : PostgresSql ?? PostgresDdl.From(Sql);
}
