using Ivr.Data.FlowSets;
using Ivr.Flows.Loading;

namespace Ivr.Host.Hosting;

/// <summary>
/// Publishes a flow set for every node: reads the folders once, lays the files out in a staging folder,
/// loads and validates that copy (an invalid set is never published), and stores it under the version the
/// loader computed — the version every node will report once it serves it.
/// </summary>
public sealed class FlowSetPublisher(PublishedFlowSetStore store, FlowSetCache cache, IReadOnlyCollection<string>? operations, TimeProvider time)
{
    public sealed record Result(FlowLoadResult Load, PublishOutcome? Outcome);

    public async Task<Result> PublishAsync(string flows, string prompts, string publishedBy, CancellationToken cancellation)
    {
        var files = FlowSetBundle.Read(flows, prompts);
        var staging = cache.NewStaging();
        try
        {
            FlowSetBundle.Write(files, staging);
            var load = FlowSetLoader.Load(Path.Combine(staging, "flows"), Path.Combine(staging, "prompts"), operations);
            if (!load.Succeeded) return new Result(load, null);
            var outcome = await store.PublishAsync(load.Set!.Version, files, publishedBy, time.GetUtcNow(), cancellation);
            cache.Keep(staging, outcome.Version);
            return new Result(load, outcome);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}
