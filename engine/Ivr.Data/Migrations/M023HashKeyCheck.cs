namespace Ivr.Data.Migrations;

/// <summary>
/// The deployment's hash key (issue 14): the PIN tables' keys of IDs and caller numbers become keyed hashes
/// (<see cref="Security.HashKey"/>). <c>hash_key_check</c> holds one row, written by the first start with a key: the
/// key's check value (an HMAC of a fixed text, never the key), so a node started with another key refuses to start
/// instead of counting apart, and how many keys of the unkeyed form that start re-keyed (<see cref="Security.HashKeyCheck"/>).
/// A key cannot be computed in SQL, so the re-keying is that start's, in the transaction that writes the row.
/// </summary>
internal static class M023HashKeyCheck
{
    public static readonly Migration Migration = new(23, "the check value of the deployment's hash key", """
        CREATE TABLE hash_key_check (
            name         TEXT PRIMARY KEY,
            check_value  TEXT NOT NULL,
            keyed_at     TEXT NOT NULL,
            rekeyed_keys INTEGER NOT NULL
        );
        """);
}
