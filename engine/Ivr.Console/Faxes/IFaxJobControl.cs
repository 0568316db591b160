namespace Ivr.OperationsConsole.Faxes;

/// <summary>The fax service as the console sees it; absent until the fax jobs are installed.</summary>
public interface IFaxJobControl
{
    /// <summary>The latest jobs, newest first, numbers masked.</summary>
    Task<IReadOnlyList<FaxJobView>> ListAsync(int limit, CancellationToken cancellation);

    /// <returns>The job's status after the request, or null for an unknown job.</returns>
    Task<string?> RetryNowAsync(long jobId, CancellationToken cancellation);
}
