namespace Ivr.Data.Migrations;

/// <summary>
/// What several nodes on one database need. A fax job being sent names the node that claimed it
/// (<c>claimed_by</c>) and until when that claim holds (<c>lease_until</c>): a job whose node died is
/// taken over by another once its lease has run out. <c>issued_references</c> holds every reference
/// said to a caller (loss reports), so two nodes can never give out the same one.
/// </summary>
internal static class M006Nodes
{
    public static readonly Migration Migration = new(6, "nodes share the database", """
        ALTER TABLE fax_jobs ADD COLUMN claimed_by TEXT;
        ALTER TABLE fax_jobs ADD COLUMN lease_until TEXT;

        CREATE TABLE issued_references (
            reference TEXT PRIMARY KEY,
            kind      TEXT NOT NULL,
            issued_at TEXT NOT NULL
        );
        """);
}
