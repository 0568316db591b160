namespace Ivr.Data.Migrations;

/// <summary>
/// One-time tokens for the agent desktop (issue 16): a transfer's context and an IVR-assisted verification's result.
/// Only the token's SHA-256 is stored (<c>token_hash</c>), so a copy of the database opens nothing; <c>used_at</c>
/// makes it single use, <c>expires_at</c> (10 min) bounds it. <c>agent</c> is who may read it (null: any agent).
/// Version 13: 11 and 12 belong to other work and may land before or after.
/// </summary>
internal static class M013HandoffTokens
{
    public static readonly Migration Migration = new(13, "one-time handoff tokens for the agent desktop", """
        CREATE TABLE handoff_tokens (
            token_hash TEXT PRIMARY KEY,
            kind       TEXT NOT NULL,
            call_id    TEXT NOT NULL,
            agent      TEXT NULL,
            payload    TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at    TEXT NULL
        );
        CREATE INDEX ix_handoff_tokens_expires ON handoff_tokens (expires_at);
        """);
}
