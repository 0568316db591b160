using System.Data;
using Dapper;

namespace Ivr.Data.Fax;

/// <summary>
/// The SQL of <c>fax_jobs</c>. Claiming a job is one conditional UPDATE, so two schedulers never send the
/// same job twice; on PostgreSQL the claim picks its row <c>FOR UPDATE SKIP LOCKED</c>, so nodes claiming
/// at once take different jobs instead of queueing on one. A claim holds for a lease; a job whose lease
/// ran out (its node died) is recovered by whichever node looks next.
/// </summary>
public sealed class FaxJobRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    private const string Columns = """
        id AS Id, call_id AS CallId, document_id AS DocumentId, number AS Number, due_at AS DueAt, status AS Status,
        attempts AS Attempts, max_attempts AS MaxAttempts, last_outcome AS LastOutcome, pages_sent AS PagesSent,
        pages_total AS PagesTotal, result_code AS ResultCode, detail AS Detail, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    private const string Pending = "('queued', 'retry_wait')";

    /// <returns>The new job's id.</returns>
    public Task<long> InsertAsync(string callId, string documentId, string number, DateTimeOffset dueAt, int maxAttempts,
        DateTimeOffset now, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(Command("""
            INSERT INTO fax_jobs (call_id, document_id, number, due_at, status, attempts, max_attempts, created_at, updated_at)
            VALUES (@callId, @documentId, @number, @dueAt, 'queued', 0, @maxAttempts, @now, @now)
            RETURNING id;
            """, new { callId, documentId, number, dueAt = DbTime.ToText(dueAt), maxAttempts, now = DbTime.ToText(now) }, cancellation));

    public async Task<FaxJob?> GetAsync(long id, CancellationToken cancellation)
        => (await connection.QueryAsync<Row>(Command($"SELECT {Columns} FROM fax_jobs WHERE id = @id;", new { id }, cancellation)))
            .Select(r => r.ToJob()).FirstOrDefault();

    /// <summary>Queued and retry-waiting jobs due at or before <paramref name="now"/>, earliest first.</summary>
    public async Task<IReadOnlyList<FaxJob>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellation)
        => [.. (await connection.QueryAsync<Row>(Command(
            $"SELECT {Columns} FROM fax_jobs WHERE status IN {Pending} AND due_at <= @now ORDER BY due_at, id LIMIT @limit;",
            new { now = DbTime.ToText(now), limit }, cancellation))).Select(r => r.ToJob())];

    /// <summary>When the earliest waiting job is due; null when none waits.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellation)
        => DbTime.FromNullableText(await connection.ExecuteScalarAsync<string?>(Command(
            $"SELECT MIN(due_at) FROM fax_jobs WHERE status IN {Pending};", null, cancellation)));

    /// <summary>Marks a waiting job <c>sending</c> and counts the attempt; false when it was no longer waiting (claimed elsewhere, cancelled).</summary>
    public async Task<bool> TryClaimAsync(long id, DateTimeOffset now, CancellationToken cancellation)
        => await connection.ExecuteAsync(Command($"""
            UPDATE fax_jobs SET status = 'sending', attempts = attempts + 1, updated_at = @now
            WHERE id = @id AND status IN {Pending};
            """, new { id, now = DbTime.ToText(now) }, cancellation)) == 1;

    /// <summary>
    /// Claims the earliest due waiting job for <paramref name="node"/> until <paramref name="leaseUntil"/>:
    /// <c>sending</c>, one more attempt. Null when no job is due (or every due one is being claimed elsewhere).
    /// </summary>
    public async Task<FaxJob?> ClaimNextAsync(string node, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellation)
    {
        var skipLocked = connection.Dialect() == DatabaseDialect.PostgreSql ? "FOR UPDATE SKIP LOCKED" : "";
        return (await connection.QueryAsync<Row>(Command($"""
            UPDATE fax_jobs SET status = 'sending', attempts = attempts + 1, claimed_by = @node, lease_until = @leaseUntil, updated_at = @now
            WHERE id = (SELECT id FROM fax_jobs WHERE status IN {Pending} AND due_at <= @now ORDER BY due_at, id LIMIT 1 {skipLocked})
              AND status IN {Pending}
            RETURNING {Columns};
            """, new { node, now = DbTime.ToText(now), leaseUntil = DbTime.ToText(leaseUntil) }, cancellation))).Select(r => r.ToJob()).FirstOrDefault();
    }

    /// <summary>Records how an attempt of a <c>sending</c> job ended.</summary>
    /// <param name="nextDue">For <see cref="FaxJobStatus.RetryWait"/>: when to try again; the due time is kept otherwise.</param>
    /// <param name="node">When given, only that node's claim is recorded: a node whose lease ran out and whose job was taken over records nothing.</param>
    public async Task<bool> RecordAttemptAsync(long id, FaxJobStatus status, DateTimeOffset? nextDue, string outcome, int pagesSent, int pagesTotal,
        int resultCode, string detail, DateTimeOffset now, CancellationToken cancellation, string? node = null)
        => await connection.ExecuteAsync(Command("""
            UPDATE fax_jobs SET status = @status, due_at = COALESCE(@nextDue, due_at), last_outcome = @outcome, pages_sent = @pagesSent,
                pages_total = @pagesTotal, result_code = @resultCode, detail = @detail, updated_at = @now
            WHERE id = @id AND status = 'sending' AND (@node IS NULL OR claimed_by = @node);
            """, new
            {
                id, node, status = FaxJobStatusText.ToText(status), nextDue = nextDue is { } due ? DbTime.ToText(due) : null, outcome,
                pagesSent, pagesTotal, resultCode, detail, now = DbTime.ToText(now),
            }, cancellation)) == 1;

    /// <summary>
    /// After a crash or a stop mid-send: every job still <c>sending</c> was interrupted. Those with tries
    /// left wait for a retry due <paramref name="now"/>; the others have failed.
    /// </summary>
    /// <param name="expiredLeasesOnly">Several nodes: only jobs whose claim's lease ran out before <paramref name="now"/>
    /// (the others are being sent by a live node).</param>
    /// <returns>How many jobs were found interrupted.</returns>
    public Task<int> RecoverInterruptedAsync(DateTimeOffset now, CancellationToken cancellation, bool expiredLeasesOnly = false)
        => connection.ExecuteAsync(Command("""
            UPDATE fax_jobs SET
                status = CASE WHEN attempts < max_attempts THEN 'retry_wait' ELSE 'failed' END,
                due_at = CASE WHEN attempts < max_attempts THEN @now ELSE due_at END,
                last_outcome = 'interrupted', detail = 'the server stopped while sending', updated_at = @now
            WHERE status = 'sending' AND (@expiredOnly = 0 OR lease_until IS NULL OR lease_until < @now);
            """, new { now = DbTime.ToText(now), expiredOnly = expiredLeasesOnly ? 1 : 0 }, cancellation));

    /// <summary>
    /// A node declared lost: the jobs it was sending (claims named <c>NODE/…</c>, <see cref="FaxJobScheduler.Node"/>) have their
    /// lease end now, so the next node to look retries them instead of waiting out the lease.
    /// </summary>
    /// <returns>How many claims were released.</returns>
    public Task<int> ReleaseClaimsOfAsync(string node, DateTimeOffset now, CancellationToken cancellation)
        => connection.ExecuteAsync(Command("""
            UPDATE fax_jobs SET lease_until = @now
            WHERE status = 'sending' AND substr(claimed_by, 1, length(@prefix)) = @prefix;
            """, new { prefix = node + "/", now = DbTime.ToText(now) }, cancellation));

    /// <summary>Withdraws a job that has not started sending; false otherwise.</summary>
    public async Task<bool> CancelAsync(long id, DateTimeOffset now, CancellationToken cancellation)
        => await connection.ExecuteAsync(Command($"""
            UPDATE fax_jobs SET status = 'cancelled', updated_at = @now WHERE id = @id AND status IN {Pending};
            """, new { id, now = DbTime.ToText(now) }, cancellation)) == 1;

    /// <summary>Jobs newest first, optionally of one status.</summary>
    public async Task<IReadOnlyList<FaxJob>> ListAsync(FaxJobStatus? status, int limit, CancellationToken cancellation)
        => [.. (await connection.QueryAsync<Row>(Command(
            $"SELECT {Columns} FROM fax_jobs WHERE @status IS NULL OR status = @status ORDER BY id DESC LIMIT @limit;",
            new { status = status is { } s ? FaxJobStatusText.ToText(s) : null, limit }, cancellation))).Select(r => r.ToJob())];

    /// <summary>The jobs a call asked for (how a call record leads to its faxes).</summary>
    public async Task<IReadOnlyList<FaxJob>> ForCallAsync(string callId, CancellationToken cancellation)
        => [.. (await connection.QueryAsync<Row>(Command($"SELECT {Columns} FROM fax_jobs WHERE call_id = @callId ORDER BY id;", new { callId }, cancellation)))
            .Select(r => r.ToJob())];

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellation) =>
        new(sql, parameters, transaction, cancellationToken: cancellation);

    private sealed class Row
    {
        public long Id { get; init; }
        public string CallId { get; init; } = "";
        public string DocumentId { get; init; } = "";
        public string Number { get; init; } = "";
        public string DueAt { get; init; } = "";
        public string Status { get; init; } = "";
        public long Attempts { get; init; }
        public long MaxAttempts { get; init; }
        public string? LastOutcome { get; init; }
        public long PagesSent { get; init; }
        public long PagesTotal { get; init; }
        public long? ResultCode { get; init; }
        public string? Detail { get; init; }
        public string CreatedAt { get; init; } = "";
        public string UpdatedAt { get; init; } = "";

        public FaxJob ToJob() => new(Id, CallId, DocumentId, Number, DbTime.FromText(DueAt),
            FaxJobStatusText.TryParse(Status, out var status) ? status : throw new InvalidDataException($"fax job {Id}: unknown status '{Status}'"),
            (int)Attempts, (int)MaxAttempts, LastOutcome, (int)PagesSent, (int)PagesTotal, (int?)ResultCode, Detail,
            DbTime.FromText(CreatedAt), DbTime.FromText(UpdatedAt));
    }
}
