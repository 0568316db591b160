using Ivr.Data;
using Ivr.Data.FlowSets;

namespace Ivr.Host.Hosting;

/// <summary>
/// Cluster mode (PostgreSQL): the node serves the flow set published in the database, not its own folders.
/// At start it loads the active version (publishing its own folders first when nothing was ever published);
/// then every activation — a NOTIFY, or a re-read after the connection comes back — is laid out in the local
/// cache and swapped in, so all nodes serve a new version within a second while calls in progress keep theirs.
/// With <c>--watch-flows</c> a change to the node's folders is published (and so reaches every node) instead of
/// being loaded locally.
/// </summary>
public sealed class PublishedFlowSetFollower : IAsyncDisposable
{
    private readonly PublishedFlowSetStore _store;
    private readonly FlowSetCache _cache;
    private readonly FlowSetPublisher _publisher;
    private readonly FlowSetHost _host;
    private readonly Action<string> _log;
    private readonly SemaphoreSlim _serving = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _listening = Task.CompletedTask;
    private string? _version;

    private PublishedFlowSetFollower(IvrDatabase database, FlowSetHost host, string dataDirectory, IReadOnlyCollection<string>? operations,
        TimeProvider time, Action<string> log)
    {
        _store = new PublishedFlowSetStore(database);
        _cache = new FlowSetCache(Path.Combine(dataDirectory, "flowsets"));
        _publisher = new FlowSetPublisher(_store, _cache, operations, time);
        _host = host;
        _log = log;
    }

    /// <summary>The published version this node serves.</summary>
    public string? Version => Volatile.Read(ref _version);

    /// <exception cref="InvalidOperationException">Nothing valid to serve (the errors are logged).</exception>
    public static async Task<PublishedFlowSetFollower> StartAsync(IvrDatabase database, FlowSetHost host, string flows, string prompts,
        string dataDirectory, string nodeName, bool watchFlows, IReadOnlyCollection<string>? operations, TimeProvider time, Action<string> log,
        CancellationToken cancellation)
    {
        var follower = new PublishedFlowSetFollower(database, host, dataDirectory, operations, time, log);
        if (await follower._store.ActiveAsync(cancellation) is null)
        {
            log($"flows: no flow set published in the database yet; publishing {flows} and {prompts}");
            if (!await follower.PublishAsync(flows, prompts, nodeName, cancellation))
                throw new InvalidOperationException("no valid flow set to publish: fix the errors above (ivr validate) and start again");
        }

        await follower.ServeActiveAsync(cancellation);
        if (follower.Version is null) throw new InvalidOperationException("the published flow set could not be served (see above)");
        follower._listening = new DatabaseNotifications(database, PublishedFlowSetStore.Channel, "flows", time, log).RunAsync(follower.ServeActiveAsync, follower._stop.Token);
        if (watchFlows) host.Watch(() => _ = follower.PublishAsync(flows, prompts, nodeName, CancellationToken.None));
        return follower;
    }

    /// <summary>Validates and publishes folders; false (errors logged) when they do not make a valid set.</summary>
    public async Task<bool> PublishAsync(string flows, string prompts, string publishedBy, CancellationToken cancellation)
    {
        try
        {
            var result = await _publisher.PublishAsync(flows, prompts, publishedBy, cancellation);
            foreach (var warning in result.Load.Warnings) _log($"flows: {warning}");
            foreach (var error in result.Load.Errors) _log($"flows: {error}");
            if (result.Outcome is not { } outcome) return false;
            _log(outcome.WasActive
                ? $"flows: version {outcome.Version} is already the published one"
                : $"flows: published version {outcome.Version} for every node ({outcome.NewBlobs} new files stored)");
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log($"flows: publishing failed: {ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }

    /// <summary>Serves the active version when it is not the one served yet.</summary>
    private async Task ServeActiveAsync(CancellationToken cancellation)
    {
        await _serving.WaitAsync(cancellation);
        try
        {
            if (await _store.ActiveAsync(cancellation) is not { } active || active == Version) return;
            var folder = await _cache.MaterialiseAsync(active, () => _store.FilesAsync(active, cancellation));
            _host.LoadFrom(Path.Combine(folder, "flows"), Path.Combine(folder, "prompts"));
            if (_host.Current?.Version != active) // the loader's version of the same files is the published version
            {
                _log($"flows: published version {active} does not load here; still serving {Version ?? "nothing"}");
                return;
            }

            Volatile.Write(ref _version, active);
            _log($"flows: serving published version {active}");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _log($"flows: the published flow set could not be laid out on this node: {ex.Message}");
        }
        finally
        {
            _serving.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _listening;
        _stop.Dispose();
        _serving.Dispose();
    }
}
