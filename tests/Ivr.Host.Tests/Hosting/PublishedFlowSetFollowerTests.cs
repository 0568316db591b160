using System.Collections.Concurrent;
using System.Diagnostics;
using Ivr.Data.FlowSets;
using Ivr.Data.Tests;
using Ivr.Host.Hosting;

namespace Ivr.Host.Tests.Hosting;

/// <summary>Cluster mode: nodes on one PostgreSQL serve the flow set published there, a new one within a second.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PublishedFlowSetFollowerTests(PostgresServer server) : IDisposable
{
    private readonly ExampleFlows _files = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly List<string> _dataFolders = [];

    /// <remarks>The target is 1 s (the cluster test measures it across processes); here 5 s, as a loaded test machine
    /// takes that long to lay out and parse a set — a notification that never came would still fail.</remarks>
    [SkippableFact]
    public async Task TwoNodes_FirstPublishesItsFolders_APublishedEditIsServedByBothAtOnce()
    {
        using var location = server.NewDatabase();
        await using var first = await StartNodeAsync(location);
        await using var second = await StartNodeAsync(location);
        Assert.Equal(first.Follower.Version, second.Follower.Version);
        Assert.Equal(first.Follower.Version, first.Host.Current!.Version); // the published version is the loader's content hash
        var callInProgress = second.Host.Current!;

        _files.Edit("main.yaml", y => y.Replace("announcement_on: \"false\"", "announcement_on: \"true\""));
        var clock = Stopwatch.StartNew();
        Assert.True(await first.Follower.PublishAsync(_files.Flows, _files.Prompts, "editor", default), string.Join("\n", _log));
        var published = clock.Elapsed;
        var newVersion = await new PublishedFlowSetStore(location.Open()).ActiveAsync(default);
        while (second.Host.Current!.Version != newVersion || first.Host.Current!.Version != newVersion)
        {
            Assert.True(clock.Elapsed - published < TimeSpan.FromSeconds(5), $"not served by both nodes within 5 s:\n{string.Join("\n", _log)}");
            await Task.Delay(10);
        }

        Assert.Equal("true", second.Host.Current.Flows["main"].Variables["announcement_on"]);
        Assert.Equal("false", callInProgress.Flows["main"].Variables["announcement_on"]); // a call keeps the set it started with
    }

    [SkippableFact]
    public async Task Publish_InvalidFolders_RefusedAndTheActiveVersionKeepsServing()
    {
        using var location = server.NewDatabase();
        await using var node = await StartNodeAsync(location);
        var before = node.Follower.Version;

        _files.Edit("main.yaml", y => y + "\n  broken: [\n");
        Assert.False(await node.Follower.PublishAsync(_files.Flows, _files.Prompts, "editor", default));

        Assert.Equal(before, await new PublishedFlowSetStore(location.Open()).ActiveAsync(default));
        Assert.Equal(before, node.Host.Current!.Version);
    }

    private async Task<Node> StartNodeAsync(PostgresDatabase location)
    {
        var data = Directory.CreateTempSubdirectory("ivr-node-").FullName;
        _dataFolders.Add(data);
        var host = new FlowSetHost(_files.Flows, _files.Prompts, null, TimeProvider.System, _log.Enqueue);
        var follower = await PublishedFlowSetFollower.StartAsync(location.Open(), host, _files.Flows, _files.Prompts, data, "test node",
            watchFlows: false, operations: null, TimeProvider.System, _log.Enqueue, default);
        return new Node(host, follower);
    }

    public void Dispose()
    {
        _files.Dispose();
        foreach (var folder in _dataFolders) Directory.Delete(folder, recursive: true);
    }

    private sealed record Node(FlowSetHost Host, PublishedFlowSetFollower Follower) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Follower.DisposeAsync();
            Host.Dispose();
        }
    }
}
