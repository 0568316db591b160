using Ivr.Core.Calls;
using Ivr.Flows.Model;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Ivr.Runtime.Calls;

namespace Ivr.OperationsConsole.TryCalls;

/// <summary>
/// The try-calls of this node: started within the bounds of <see cref="TryCallBackend"/> (per user, in all), found only by
/// their owner, hung up when idle too long (checked every 15 s), forgotten a while after they end.
/// </summary>
internal sealed class TryCallRegistry : IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, TryCall> _calls = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;
    private TryCallBackend? _backend;

    public TryCallRegistry(TimeProvider time)
    {
        _time = time;
        _sweeper = time.CreateTimer(static s => ((TryCallRegistry)s!).Sweep(), this, SweepInterval, SweepInterval);
    }

    /// <summary>A started try-call of <paramref name="user"/> on <paramref name="set"/> (of <paramref name="draft"/>, which the call
    /// then owns), or why none was started.</summary>
    public (TryCall? Call, string? Refusal) Start(string user, FlowSet set, TryCallBackend backend, ISwitchValues? switches, TryCallDraft? draft = null)
    {
        _backend = backend;
        var going = _calls.Values.Where(c => !c.Session.HasEnded).ToList();
        if (going.Count(c => c.User == user) >= backend.MaxPerUser)
            return (null, $"you already have {backend.MaxPerUser} try-calls going; hang one up first");
        if (going.Count >= backend.MaxCalls) return (null, $"this node already runs {backend.MaxCalls} try-calls; try again shortly");
        if (set.FlowFor(TryCallScript.Dialled) is not { } flow) return (null, $"no flow answers {TryCallScript.Dialled} (flows/routes.yaml)");

        var id = $"try-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var values = SwitchValuesOf(set, switches);
        var feed = new TryCallFeed();
        var recorder = new TryCallRecorder(feed);
        var channel = new TryCallChannel(_time, feed, prompt => $"/api/try-calls/{id}/prompts/{Uri.EscapeDataString(prompt)}");
        var services = new CallServices(_time, backend.Lookups(set, _time), recorder, new FixedSwitchValues(values));
        var call = new TryCall(id, user, set, flow, services, feed, channel, recorder, values, draft);
        call.Session.Ended += ended => call.MarkEnded(_time.GetUtcNow());
        _calls[id] = call;
        call.Session.Start();
        return (call, null);
    }

    /// <summary>The try-call <paramref name="id"/> if <paramref name="user"/> started it.</summary>
    public TryCall? Find(string id, string user) => _calls.TryGetValue(id, out var call) && call.User == user ? call : null;

    public IReadOnlyList<TryCall> Of(string user) => _calls.Values.Where(c => c.User == user).OrderBy(c => c.StartedAt).ToList();

    /// <summary>Hangs up try-calls idle beyond the timeout and forgets those ended long enough ago.</summary>
    public void Sweep()
    {
        if (_backend is not { } backend) return;
        var now = _time.GetUtcNow();
        foreach (var call in _calls.Values)
        {
            if (!call.Session.HasEnded && now - call.LastActivity > backend.IdleTimeout)
            {
                call.Feed.Add("idle", now, detail: $"no key, silence or hang-up for {backend.IdleTimeout.TotalMinutes:0} minutes: hung up");
                call.Session.HungUp("idle");
            }
            else if (call.EndedAt is { } ended && now - ended > backend.KeptAfterEnd && _calls.TryRemove(call.Id, out _))
            {
                call.Draft?.Folder.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var call in _calls.Values.Where(c => !c.Session.HasEnded)) call.Session.HungUp("server stopping");
        foreach (var call in _calls.Values) call.Draft?.Folder.Dispose();
    }

    /// <summary>Every switch's value now: the editors' where given, else the flow's own (fixed for the call's life).</summary>
    private static Dictionary<string, string> SwitchValuesOf(FlowSet set, ISwitchValues? switches)
    {
        var current = switches?.Current;
        return set.Switches.Values.ToDictionary(s => s.Name, s => s.ValueFrom(current), StringComparer.Ordinal);
    }
}
