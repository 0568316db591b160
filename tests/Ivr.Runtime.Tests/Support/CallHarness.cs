using Ivr.Core.Calls;
using Ivr.Core.Lookups;
using Ivr.Flows.Model;
using Ivr.Runtime.Calls;
using Ivr.Runtime.Simulation;

namespace Ivr.Runtime.Tests.Support;

/// <summary>
/// One call on virtual time: a <see cref="CallSession"/> wired to a <see cref="SimulatedChannel"/>
/// and a <see cref="MemoryCallRecorder"/>, driven directly by the test.
/// </summary>
internal sealed class CallHarness
{
    /// <summary>Monday 23 November 2026, 10:00 in Beijing.</summary>
    public static readonly DateTimeOffset Monday10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    public const string CallerNumber = "13812345678";

    private readonly List<string> _heard = [];

    public CallHarness(FlowSet set, ILookupService? lookups = null, string dialled = "12333", DateTimeOffset? at = null, ICallRecorder? recorder = null,
        string? flagReason = null, ISwitchValues? switches = null, string? source = null)
        : this(set, _ => lookups ?? UnknownOperationLookupService.Instance, dialled, at, recorder, flagReason, switches, source)
    {
    }

    /// <param name="lookups">Makes the back end from the call's clock (for stubs that answer on virtual time).</param>
    /// <param name="flagReason">The caller number's flag (<c>caller.flagged</c>), none when null.</param>
    /// <param name="source">The call's SIP source address (<see cref="CallIdentity.Source"/>), none when null.</param>
    public CallHarness(FlowSet set, Func<VirtualClock, ILookupService> lookups, string dialled = "12333", DateTimeOffset? at = null, ICallRecorder? recorder = null,
        string? flagReason = null, ISwitchValues? switches = null, string? source = null)
    {
        Clock = new VirtualClock(at ?? Monday10);
        Channel = new SimulatedChannel(Clock);
        Recorder = new MemoryCallRecorder();
        var flow = set.FlowFor(dialled) ?? throw new InvalidOperationException($"no flow answers {dialled}");
        Call = new CallSession(new CallIdentity("test-call", CallerNumber, dialled, flagReason) { Source = source }, set, flow,
            new CallServices(Clock, lookups(Clock), recorder ?? Recorder, switches), Channel);
        Channel.Call = Call;
    }

    public VirtualClock Clock { get; }

    public SimulatedChannel Channel { get; }

    public MemoryCallRecorder Recorder { get; }

    public CallSession Call { get; }

    public List<CallEvent> Events => Recorder.Events;

    /// <summary>Every prompt played so far, in order (interrupted ones included).</summary>
    public IReadOnlyList<string> Heard
    {
        get
        {
            while (Channel.TryTakeHeard(out var id)) _heard.Add(id);
            return _heard;
        }
    }

    /// <summary>The nodes entered so far, as <c>flow.node</c>.</summary>
    public IReadOnlyList<string> Entered => [.. Events.Where(e => e.Kind == CallEventKind.NodeEntered).Select(e => e.Node!)];

    public IEnumerable<CallEvent> EventsOf(CallEventKind kind) => Events.Where(e => e.Kind == kind);

    public CallHarness Start()
    {
        Call.Start();
        return this;
    }

    /// <summary>Presses keys <paramref name="gap"/> apart (200 ms unless told).</summary>
    public void Press(string keys, TimeSpan? gap = null)
    {
        foreach (var key in keys)
        {
            Channel.Press(key);
            Clock.Advance(gap ?? TimeSpan.FromMilliseconds(200));
        }
    }

    public void Advance(TimeSpan span) => Clock.Advance(span);

    public void Advance(double seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>Lets virtual time run, timer by timer, until <paramref name="condition"/> holds; fails the test when nothing more can happen.</summary>
    public void RunUntil(Func<bool> condition, string what)
    {
        var deadline = Clock.GetUtcNow() + TimeSpan.FromMinutes(30);
        while (!condition())
        {
            if (Clock.NextDue is not { } next || next > deadline)
                Assert.Fail($"never happened: {what}; entered {string.Join(" > ", Entered)}; heard {string.Join(", ", Heard)}");
            Clock.AdvanceToNext();
        }
    }

    /// <summary>Runs until the current prompt has finished playing.</summary>
    public void FinishPrompt() => RunUntil(() => !Channel.IsPlaying, "the prompt finished");

    public void RunToEnd() => RunUntil(() => Call.HasEnded, "the call ended");

    /// <summary>Runs until the call is in <paramref name="node"/> (given as <c>flow.node</c> or the node of main).</summary>
    public void RunUntilIn(string node)
    {
        var id = node.Contains('.') ? node : $"main.{node}";
        RunUntil(() => Call.Current?.Id == id, $"reached {id}");
    }
}
