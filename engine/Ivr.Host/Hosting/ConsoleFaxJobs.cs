using Ivr.Data;
using Ivr.Data.Fax;
using Ivr.Data.Operations;
using Ivr.OperationsConsole.Faxes;

namespace Ivr.Host.Hosting;

/// <summary>The scheduled-fax queue as the console sees it: jobs with the number masked, and "retry now".</summary>
public sealed class ConsoleFaxJobs(IvrDatabase database, TimeProvider time) : IFaxJobControl
{
    public async Task<IReadOnlyList<FaxJobView>> ListAsync(int limit, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        var jobs = await new FaxJobRepository(connection).ListAsync(null, limit, cancellation);
        return jobs.Select(j => new FaxJobView(j.Id, j.CallId, FaxJobStatusText.ToText(j.Status), j.PagesTotal, j.Attempts,
            j.LastOutcome, j.CreatedAt, j.UpdatedAt, j.NumberMasked)).ToList();
    }

    public async Task<string?> RetryNowAsync(long jobId, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        return await new FaxRetry(connection).NowAsync(jobId, time.GetUtcNow(), cancellation);
    }
}
