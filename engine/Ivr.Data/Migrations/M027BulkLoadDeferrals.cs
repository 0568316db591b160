namespace Ivr.Data.Migrations;

/// <summary>
/// What a bulk load into an empty PostgreSQL database dropped to load faster (issue 17): each secondary index and foreign key
/// of the call tables, by name, with the statement that makes it again (<see cref="Calls.PostgresLoadDeferral"/>). The rows
/// are written in the transaction that drops them and deleted in the one that makes them again, so a load that dies half-way
/// leaves here what is missing, and the next open of the database puts it back. SQLite loads keep their indexes: the table
/// stays empty there.
/// </summary>
internal static class M027BulkLoadDeferrals
{
    public static readonly Migration Migration = new(27, "bulk load deferrals", """
        CREATE TABLE bulk_load_deferred (
            name        TEXT PRIMARY KEY,
            kind        TEXT NOT NULL,
            definition  TEXT NOT NULL,
            deferred_at TEXT NOT NULL
        );
        """);
}
