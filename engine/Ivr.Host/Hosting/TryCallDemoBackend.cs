using Ivr.Core.Lookups;
using Ivr.Flows.Model;

namespace Ivr.Host.Hosting;

/// <summary>
/// The back end of the console's try-calls: the demo identities (<see cref="DemoBackend"/>), a fresh copy for every
/// try-call, so an editor's tries never touch the hotline's real records. The template database is made at the first
/// try-call, not at server start.
/// </summary>
public sealed class TryCallDemoBackend : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private DemoBackend? _backend;

    public ILookupService Lookups(FlowSet set, TimeProvider time)
    {
        lock (_gate)
        {
            _backend ??= DemoBackend.CreateAsync(set, CancellationToken.None).GetAwaiter().GetResult();
            return _backend.Lookups(time, set);
        }
    }

    public ValueTask DisposeAsync() => _backend?.DisposeAsync() ?? ValueTask.CompletedTask;
}
