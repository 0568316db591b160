using Ivr.Core.Lookups;

namespace Ivr.Host.Metrics;

/// <summary>A decorator on the back end that times each lookup and tells its outcome to the metrics (by operation only: no input value).</summary>
public sealed class MeasuredLookupService(ILookupService inner, IvrMetrics metrics, TimeProvider time) : ILookupService
{
    public async ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var started = time.GetTimestamp();
        var outcome = LookupResult.Error;
        try
        {
            var result = await inner.ExecuteAsync(operation, inputs, cancellation).ConfigureAwait(false);
            outcome = result.Outcome;
            return result;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            outcome = LookupResult.Timeout;
            throw;
        }
        finally
        {
            metrics.LookupFinished(operation, time.GetElapsedTime(started), outcome);
        }
    }
}
