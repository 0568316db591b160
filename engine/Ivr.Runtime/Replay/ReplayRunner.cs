using Ivr.Core.Lookups;
using Ivr.Core.Speech;
using Ivr.Runtime.Simulation;

namespace Ivr.Runtime.Replay;

/// <summary>
/// Runs replay scripts in-process on a virtual clock against a flow set: the same engine as a real
/// call, with a simulated channel. Stops at the first divergence and says what was expected, what
/// happened, where in the flow and when.
/// </summary>
/// <param name="backend">Makes the real back end for one script on that script's clock (each script
/// gets a fresh one, so scripts never see each other's data); null: only the script's stubs answer.</param>
public sealed class ReplayRunner(FlowSet set, Func<TimeProvider, ILookupService>? backend = null)
{
    /// <summary>How long a step may wait (in virtual time) for what it expects.</summary>
    public static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(10);

    private int _calls;

    public ReplayResult Run(ReplayScript script)
    {
        var clock = new VirtualClock(script.At);
        var channel = new SimulatedChannel(clock);
        foreach (var (queue, outcome) in script.Agents) channel.QueueOutcomes[queue] = outcome;
        channel.FaxOutcome = script.Fax;
        channel.FaxDuration = script.FaxDuration;
        var recorder = new MemoryCallRecorder();
        var services = new CallServices(clock, new StubLookupService(script.Lookups, clock, backend is null ? null : new BlockingLookupService(backend(clock))), recorder,
            new FixedSwitchValues(script.Switches));
        if (set.FlowFor(script.Dialled) is not { } flow)
            return new ReplayResult(script, $"{script.Path}: no flow answers dialled number '{script.Dialled}' (see flows/routes.yaml)", [], null, TimeSpan.Zero);
        if (script.Switches.Keys.FirstOrDefault(name => !set.Switches.ContainsKey(name)) is { } unknown)
            return new ReplayResult(script, $"{script.Path}: no flow declares switch '{unknown}' (switches: {string.Join(", ", set.Switches.Keys)})", [], null, TimeSpan.Zero);

        var call = new CallSession(new CallIdentity($"replay-{Interlocked.Increment(ref _calls)}", script.Caller, script.Dialled)
        {
            Headers = Ivr.Core.Channel.AssistHeaders.From(name => script.Headers.TryGetValue(name, out var value) ? value : null),
        }, set, flow, services, channel);
        channel.Call = call;
        foreach (var (name, value) in script.Variables) call.Variables.Set(name, value);
        var run = new ReplayExecution(script, new SimulatedReplayLine(clock, channel, call, recorder, script.At));
        call.Start();
        var failure = run.Execute();
        if (!call.HasEnded) call.HungUp("script ended");
        return new ReplayResult(script, failure, recorder.Events, call.Disposition, clock.GetUtcNow() - script.At);
    }
}
