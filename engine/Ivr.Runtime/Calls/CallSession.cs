using System.Text;
using Ivr.Core.Calls;
using Ivr.Core.Channel;
using Ivr.Core.Lookups;
using Ivr.Core.Privacy;
using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Nodes;

namespace Ivr.Runtime.Calls;

/// <summary>
/// One call: a run-to-completion state machine over a flow set. Channel reports, timers and lookup
/// results are queued and handled one at a time, never re-entered, on whichever thread posted
/// while no other was handling. Node transitions are trampolined, so long chains of nodes that do
/// not wait never deepen the stack. The flow set is fixed for the call's life: a reload never
/// changes a running call.
/// </summary>
public sealed partial class CallSession : ICallInput
{
    /// <summary>Node entries without any caller or media event before the call is stopped as a runaway flow.</summary>
    public const int RunawayLimit = 1000;

    private readonly Lock _gate = new();
    private readonly Queue<SessionInput> _queue = new();
    private readonly Queue<char> _typeAhead = new();
    private readonly Stack<SubflowNode> _returns = new();
    private readonly List<MenuNode> _menus = [];
    private readonly List<string> _initialisedFlows = [];
    private readonly StringBuilder _path = new();
    private readonly Flow _startFlow;
    private bool _draining;
    private Node? _pending;
    private ITimer? _timer;
    private bool _timerArmed;
    private long _timerDue; // monotonic timestamp: a wall clock set back never loses a timeout
    private int _playbackId;
    private int _awaitedPlayback;
    private bool _playbackWasSilent;
    private int _lookupId;
    private int _faxId;
    private int _awaitedFax;
    private CancellationTokenSource? _lookupCancel;
    private int _sequence;
    private int _entriesWithoutInput;

    public CallSession(CallIdentity identity, FlowSet set, Flow flow, CallServices services, ICallChannel channel)
    {
        Identity = identity;
        Set = set;
        _startFlow = flow;
        Services = services;
        Channel = channel;
        Variables = new CallVariables(identity, () => _path.ToString(), () => set.Version);
    }

    public CallIdentity Identity { get; }

    public FlowSet Set { get; }

    public CallVariables Variables { get; }

    public Node? Current { get; private set; }

    public bool HasEnded { get; private set; }

    public string? Disposition { get; private set; }

    /// <summary>Raised once, on the handling thread, when the call has ended for any reason.</summary>
    public event Action<CallSession>? Ended;

    internal CallServices Services { get; }

    internal ICallChannel Channel { get; }

    internal TimeProvider Time => Services.Time;

    internal NodeState State { get; } = new();

    internal bool IsPlaying => _awaitedPlayback != 0;

    /// <summary>True once the current node has chosen where to go (or the call has ended).</summary>
    internal bool IsLeaving => _pending is not null || HasEnded;

    /// <summary>Answers the call: records its start and enters the flow's start node.</summary>
    public void Start() => Post(new(SessionInputKind.Start));

    public void Digit(char digit) => Post(new(SessionInputKind.Digit, Digit: digit));

    public void PlaybackFinished(int playbackId, bool interrupted) => Post(new(SessionInputKind.PlaybackFinished, Id: playbackId, Flag: interrupted));

    public void RecordingFinished(RecordingResult result) => Post(new(SessionInputKind.RecordingFinished, Payload: result));

    public void TransferFinished(TransferResult result) => Post(new(SessionInputKind.TransferFinished, Payload: result));

    public void FaxFinished(int requestId, Ivr.Core.Fax.FaxResult result) => Post(new(SessionInputKind.FaxFinished, Id: requestId, Payload: result));

    public void HungUp(string cause) => Post(new(SessionInputKind.HungUp, Payload: cause));

    internal void Post(SessionInput input)
    {
        lock (_gate)
        {
            _queue.Enqueue(input);
            if (_draining) return;
            _draining = true;
        }

        while (true)
        {
            SessionInput next;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out next))
                {
                    _draining = false;
                    return;
                }
            }

            try
            {
                Handle(next);
            }
            catch (Exception ex)
            {
                // A fault in one call never escapes to the thread that posted (a socket, a timer):
                // the call ends as an error, once, and its events say why.
                if (!HasEnded)
                {
                    Record(CallEventKind.CallEnded, Current, "error", $"internal error: {ex.GetType().Name}");
                    End("error", hangUpChannel: true, recordEvent: false);
                }
            }
        }
    }

    private void Handle(SessionInput input)
    {
        if (HasEnded) return;
        switch (input.Kind)
        {
            case SessionInputKind.Start:
                Services.Recorder.CallStarted(new CallStart(Identity.CallId, Identity.Caller, Identity.Dialled, Set.Version, _startFlow.Name, Time.GetUtcNow()));
                Record(CallEventKind.CallStarted, null, null, $"flow {_startFlow.Name} caller {Mask.Phone(Identity.Caller)} dialled {Identity.Dialled}");
                Jump(_startFlow.Start.Node!);
                break;
            case SessionInputKind.HungUp:
                CallerHungUp((string?)input.Payload ?? "caller");
                return;
            case SessionInputKind.Timer:
                if (!_timerArmed) return; // cancelled since it fired
                var early = _timerDue - Time.GetTimestamp();
                if (early > 0)
                {
                    // Fired before its deadline (re-armed meanwhile, or a coarse timer): wait the rest.
                    _timer!.Change(TimeSpan.FromSeconds((double)early / Time.TimestampFrequency), Timeout.InfiniteTimeSpan);
                    return;
                }

                _timerArmed = false;
                Dispatch(input);
                break;
            case SessionInputKind.PlaybackFinished:
                if (input.Id != _awaitedPlayback) return; // a stopped or superseded playback
                _awaitedPlayback = 0;
                if (!_playbackWasSilent) _entriesWithoutInput = 0; // an empty prompt list takes no time: no reason to trust the loop
                Dispatch(input);
                break;
            case SessionInputKind.LookupCompleted:
                if (input.Id != _lookupId) return; // a lookup the node already gave up on
                _lookupCancel?.Dispose();
                _lookupCancel = null;
                Dispatch(input);
                break;
            case SessionInputKind.Digit:
                _entriesWithoutInput = 0;
                Dispatch(input);
                break;
            case SessionInputKind.FaxFinished:
                if (input.Id != _awaitedFax) return; // a fax of a node the call has left
                _awaitedFax = 0;
                _entriesWithoutInput = 0;
                Dispatch(input);
                break;
            default:
                _entriesWithoutInput = 0;
                Dispatch(input);
                break;
        }

        while (_pending is { } next && !HasEnded)
        {
            _pending = null;
            Enter(next);
        }
    }

    private void Dispatch(SessionInput input)
    {
        if (Current is { } node) NodeHandlers.For(node.Kind).OnInput(this, node, input);
    }

    private void Enter(Node node)
    {
        if (++_entriesWithoutInput > RunawayLimit)
        {
            Record(CallEventKind.CallEnded, node, "runaway", $"stopped after {RunawayLimit} nodes without caller input");
            End("error", hangUpChannel: true, recordEvent: false);
            return;
        }

        CancelTimer();
        Current = node;
        State.Reset(Time.GetUtcNow());
        InitialiseFlowVariables(node.Flow);
        if (node is MenuNode menu) RememberMenu(menu);
        Record(CallEventKind.NodeEntered, node);
        NodeHandlers.For(node.Kind).Enter(this, node);
    }

    /// <summary>Leaves the current node by <paramref name="outcome"/> for <paramref name="target"/>.</summary>
    internal void Leave(string outcome, Target? target) => Leave(outcome, target?.Node);

    internal void Leave(string outcome, Node? next)
    {
        CancelTimer();
        Record(CallEventKind.NodeLeft, Current, outcome);
        if (next is null)
        {
            Record(CallEventKind.CallEnded, Current, "dead_end", $"no node after '{outcome}'");
            End("error", hangUpChannel: true, recordEvent: false);
            return;
        }

        _pending = next;
    }

    /// <summary>Continues at <paramref name="next"/> without leaving the current node (subflow calls).</summary>
    internal void Jump(Node next) => _pending = next;

    private void InitialiseFlowVariables(string flowName)
    {
        if (_initialisedFlows.Contains(flowName)) return;
        _initialisedFlows.Add(flowName);
        if (!Set.Flows.TryGetValue(flowName, out var flow)) return;
        foreach (var (name, value) in flow.Variables)
            if (Variables.Get(name) is null) Variables.Set(name, value);
    }
}
