using System.Text;
using Ivr.Core.Channel;
using Ivr.Core.Fax;
using Ivr.Core.Serial;
using Ivr.Runtime.Nodes;

namespace Ivr.Runtime.Calls;

/// <summary>
/// One call: a run-to-completion state machine over a flow set. Channel reports, timers and lookup
/// results are queued (<see cref="SerialQueue{T}"/>, inline dispatch) and handled one at a time,
/// never re-entered, on whichever thread posted while no other was handling. Node transitions are
/// trampolined, so long chains of nodes that do not wait never deepen the stack. The flow set is fixed for the call's life: a reload never
/// changes a running call.
/// </summary>
public sealed partial class CallSession : ICallInput
{
    /// <summary>Node entries without any caller or media event before the call is stopped as a runaway flow.</summary>
    public const int RunawayLimit = 1000;

    private readonly SerialQueue<SessionInput> _inputs;
    private readonly Queue<char> _typeAhead = new();
    private readonly Stack<SubflowNode> _returns = new();
    private readonly List<MenuNode> _menus = [];
    private readonly List<string> _initialisedFlows = [];
    private readonly StringBuilder _path = new();
    private readonly Flow _startFlow;
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
        Variables = new CallVariables(identity, _path, set.Version);
        _inputs = new SerialQueue<SessionInput>(new InputHandler(this), SerialDispatch.Inline);
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
    public void Start() => Post(SessionInput.Started.Instance);

    public void Digit(char digit) => Post(SessionInput.DigitPressed.Of(digit));

    public void PlaybackFinished(int playbackId, bool interrupted) => Post(new SessionInput.PlaybackEnded(playbackId, interrupted));

    public void RecordingFinished(RecordingResult result) => Post(new SessionInput.RecordingEnded(result));

    public void TransferFinished(TransferResult result) => Post(new SessionInput.TransferEnded(result));

    public void FaxFinished(int requestId, FaxResult result) => Post(new SessionInput.FaxEnded(requestId, result));

    public void HungUp(string cause) => Post(new SessionInput.HungUp(cause));

    /// <summary>Queues <paramref name="input"/>; the poster drains the queue unless another thread already is.</summary>
    internal void Post(SessionInput input) => _inputs.Post(input);

    /// <summary>
    /// A fault in one call never escapes to the thread that posted (a socket, a timer): the call ends
    /// as an error, once, and its events say why.
    /// </summary>
    private void Fault(SessionInput input, Exception ex)
    {
        if (HasEnded) return;
        Record(CallEventKind.CallEnded, Current, "error", $"internal error: {ex.GetType().Name}");
        End("error", hangUpChannel: true, recordEvent: false);
    }

    /// <summary>Handles one event to completion: the current node's handler, then every node it leads to that does not wait.</summary>
    private void Handle(SessionInput input)
    {
        if (HasEnded) return;
        Accept(input);
        while (_pending is { } next && !HasEnded)
        {
            _pending = null;
            Enter(next);
        }
    }

    /// <summary>The session's queue runs its inputs with <see cref="Handle"/> and <see cref="Fault"/> (one small object
    /// per call instead of two delegates).</summary>
    private sealed class InputHandler(CallSession session) : ISerialHandler<SessionInput>
    {
        public void Handle(SessionInput item) => session.Handle(item);

        public void Failed(SessionInput item, Exception error) => session.Fault(item, error);
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
