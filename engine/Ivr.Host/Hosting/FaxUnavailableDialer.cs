using Ivr.Core.Fax;

namespace Ivr.Host.Hosting;

/// <summary>
/// The dialer while no fax media is installed: every job's try ends <see cref="FaxOutcome.Unavailable"/>
/// at once, so jobs are retried and finally fail with that reason recorded — none is lost silently.
/// </summary>
public sealed class FaxUnavailableDialer(string reason) : IFaxDialer
{
    public string Reason { get; } = reason;

    public Task<FaxResult> SendAsync(string number, string tiffPath, CancellationToken cancellation) =>
        Task.FromResult(FaxResult.Unavailable(Reason));
}
