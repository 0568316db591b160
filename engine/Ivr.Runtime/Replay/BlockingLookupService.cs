using Ivr.Core.Lookups;

namespace Ivr.Runtime.Replay;

/// <summary>
/// Runs a real back end to completion before answering, so that a replay on virtual time sees its
/// answer at the same virtual instant every run (real time spent in the database does not exist
/// on the virtual clock). Time limits are tested with stubs, not with this.
/// </summary>
public sealed class BlockingLookupService(ILookupService inner) : ILookupService
{
    public ValueTask<LookupResult> ExecuteAsync(string operation, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellation)
    {
        var pending = inner.ExecuteAsync(operation, inputs, cancellation);
        if (pending.IsCompleted) return pending;
        try
        {
            return ValueTask.FromResult(pending.AsTask().GetAwaiter().GetResult());
        }
        catch (Exception)
        {
            return ValueTask.FromResult(LookupResult.Of(LookupResult.Error));
        }
    }
}
