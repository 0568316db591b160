using Ivr.Core.Fax;

namespace Ivr.Data.Fax;

/// <summary>
/// Sends scheduled faxes when they are due. Each due job is claimed (<c>sending</c>, one more
/// attempt), dialled through <see cref="IFaxDialer"/>, and recorded: every page confirmed is
/// <c>sent</c>; busy, no answer, a failure or an unavailable dialer waits <see cref="FaxSettings.RetryDelay"/>
/// for another try (<c>retry_wait</c>) until <see cref="FaxSettings.MaxAttempts"/> tries have failed
/// (<c>failed</c>). The queue lives in the database, so it survives restarts: at start, jobs left
/// <c>sending</c> by a crash are retried, and jobs that fell due while the server was down go out at once.
/// Jobs are sent one at a time. Numbers appear in the log masked only.
/// Several nodes may run a scheduler on one PostgreSQL database: each claims jobs for itself
/// (<paramref name="node"/>) with a lease of <see cref="FaxSettings.ClaimLease"/>, so every job is dialled
/// once; a job whose node died while sending is recovered by another once the lease has run out (on
/// SQLite, one machine, a start recovers every job left <c>sending</c> at once, as before).
/// </summary>
public sealed class FaxJobScheduler(IvrDatabase database, IFaxDialer dialer, IFaxDocuments documents, FaxSettings settings, TimeProvider time,
    Action<string>? log = null, string? node = null)
{
    private readonly Action<string> _log = log ?? (_ => { });
    private readonly bool _shared = database.Dialect == DatabaseDialect.PostgreSql;

    /// <summary>Who this scheduler claims jobs as (the node id, plus this process).</summary>
    public string Node { get; } = $"{node ?? Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Recovers interrupted jobs, then sends due jobs every <see cref="FaxSettings.PollInterval"/> until cancelled.</summary>
    /// <param name="cancellation">Stops at once: a fax being sent is abandoned (the job stays <c>sending</c> and is retried).</param>
    /// <param name="stopClaiming">Claims no further job (a draining node): a fax being sent is finished and recorded, then this returns.</param>
    public async Task RunAsync(CancellationToken cancellation, CancellationToken stopClaiming = default)
    {
        var interrupted = await RecoverAsync(cancellation).ConfigureAwait(false);
        if (interrupted > 0) _log($"fax: {interrupted} job(s) were interrupted while sending and are retried now");
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation, stopClaiming);
        while (!idle.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(cancellation, stopClaiming).ConfigureAwait(false);
                await Task.Delay(settings.PollInterval, time, idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidDataException or IOException or TimeoutException)
            {
                // The next round tries again; a database that stays broken is logged once per poll, never with a number.
                _log($"fax: the scheduler could not use the queue ({ex.GetType().Name}: {ex.Message}); trying again in {settings.PollInterval.TotalSeconds:0} s");
                try
                {
                    await Task.Delay(settings.PollInterval, time, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Jobs a crash left <c>sending</c> (on PostgreSQL: whose lease has run out): retried now while they have tries left, failed otherwise.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        return await new FaxJobRepository(connection).RecoverInterruptedAsync(time.GetUtcNow(), cancellation, expiredLeasesOnly: _shared).ConfigureAwait(false);
    }

    /// <summary>Sends every job due now, one after another.</summary>
    /// <returns>How many attempts were made.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellation, CancellationToken stopClaiming = default)
    {
        var attempts = 0;
        if (_shared)
        {
            var recovered = await RecoverAsync(cancellation).ConfigureAwait(false);
            if (recovered > 0) _log($"fax: {recovered} job(s) whose node stopped while sending are retried now");
        }
        while (!stopClaiming.IsCancellationRequested)
        {
            FaxJob? job;
            await using (var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false))
            {
                var now = time.GetUtcNow();
                job = await new FaxJobRepository(connection).ClaimNextAsync(Node, now, now + settings.ClaimLease, cancellation).ConfigureAwait(false);
            }
            if (job is null) return attempts;
            await SendClaimedAsync(job, cancellation).ConfigureAwait(false);
            attempts++;
        }

        return attempts;
    }

    /// <param name="job">As claimed: its attempt already counted.</param>
    private async Task SendClaimedAsync(FaxJob job, CancellationToken cancellation)
    {
        var attempt = job.Attempts;
        var result = await SendAsync(job, cancellation).ConfigureAwait(false);
        var finished = result.Succeeded || attempt >= job.MaxAttempts || !documents.Contains(job.DocumentId);
        var status = result.Succeeded ? FaxJobStatus.Sent : finished ? FaxJobStatus.Failed : FaxJobStatus.RetryWait;
        var now = time.GetUtcNow();
        DateTimeOffset? retryAt = status == FaxJobStatus.RetryWait ? now + settings.RetryDelay : null;
        var outcome = OutcomeText(result.Outcome);
        await using (var connection = await database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await new FaxJobRepository(connection).RecordAttemptAsync(job.Id, status, retryAt, outcome, result.PagesSent, result.PagesTotal,
                result.ResultCode, result.Detail, now, CancellationToken.None, Node).ConfigureAwait(false);
        }

        _log($"fax job {job.Id} ({job.DocumentId} to {job.NumberMasked}), try {attempt}/{job.MaxAttempts}: {outcome}, {result.PagesSent}/{result.PagesTotal} pages, code {result.ResultCode}"
            + (retryAt is { } next ? $"; next try at {next:HH:mm} UTC" : $"; {FaxJobStatusText.ToText(status)}"));
    }

    private async Task<FaxResult> SendAsync(FaxJob job, CancellationToken cancellation)
    {
        if (!documents.Contains(job.DocumentId))
            return new FaxResult(FaxOutcome.Failed, 0, 0, -1, $"document '{job.DocumentId}' is no longer in the fax catalog");
        if (documents.RenderedPath(job.DocumentId) is not { } tiff)
            return new FaxResult(FaxOutcome.Failed, 0, 0, -1, $"document '{job.DocumentId}' is not rendered (ivr fax render)");
        try
        {
            return await dialer.SendAsync(job.Number, tiff, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw; // stopping: the job stays 'sending' and is retried at the next start
        }
        catch (Exception ex)
        {
            return new FaxResult(FaxOutcome.Failed, 0, 0, -1, $"the dialer failed: {ex.GetType().Name}");
        }
    }

    /// <summary>sent, partially_sent, busy, no_answer, failed, unavailable.</summary>
    public static string OutcomeText(FaxOutcome outcome) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString());

}
