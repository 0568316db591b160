namespace Ivr.Data.Migrations;

/// <summary>
/// Scheduled faxes (定时传真): one row per job, from the call that asked for it to the last attempt.
/// <c>number</c> is kept in clear because it is dialled; everything that shows or logs it masks it.
/// <c>call_id</c> links the job to the caller's call record (not a foreign key: the call row is
/// written asynchronously). Times are UTC text (<see cref="DbTime"/>), so <c>due_at</c> sorts.
/// </summary>
internal static class M004FaxJobs
{
    public static readonly Migration Migration = new(4, "fax jobs", """
        CREATE TABLE fax_jobs (
            id           INTEGER PRIMARY KEY,
            call_id      TEXT NOT NULL,
            document_id  TEXT NOT NULL,
            number       TEXT NOT NULL,
            due_at       TEXT NOT NULL,
            status       TEXT NOT NULL DEFAULT 'queued'
                         CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'retry_wait', 'cancelled')),
            attempts     INTEGER NOT NULL DEFAULT 0,
            max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
            last_outcome TEXT,
            pages_sent   INTEGER NOT NULL DEFAULT 0,
            pages_total  INTEGER NOT NULL DEFAULT 0,
            result_code  INTEGER,
            detail       TEXT,
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        );
        CREATE INDEX ix_fax_jobs_status_due ON fax_jobs (status, due_at);
        CREATE INDEX ix_fax_jobs_call ON fax_jobs (call_id);
        """);
}
