using Ivr.Core.Channel;
using Ivr.Core.Serial;

namespace Ivr.Telephony.Calls;

/// <summary>
/// What every part of one answered call shares: its id, the settings, the clock, the log, and the call's one
/// serial queue (<see cref="Work"/>), where the parts run one item at a time, to completion, so they keep their
/// state without locks; reports to the flow (<see cref="CallReports"/>) are made from it.
/// <para>
/// Commands from the flow (<see cref="Run(in CallWork)"/>) run at once on the flow's thread when the queue is idle — a
/// prompt starts without a thread hop, as a direct call would — and otherwise after what is queued. Events from the
/// pacing, RTP, timer and SIP threads (<see cref="Post(in CallWork)"/>) never run there: they are handed, in order, to the
/// call's event thread (an <see cref="EventLane"/> of the server's <see cref="EventThreads"/>; the thread pool where none
/// is given), which posts them to the queue, so the flow (which runs its next node on the reporting thread) never runs on
/// them. Tests pass <see cref="SerialDispatch.Inline"/> to run events on their own thread too, with a fake clock.
/// Items are <see cref="CallWork"/> structs: posting a key or a prompt's end allocates nothing.
/// </para>
/// </summary>
internal sealed class CallContext
{
    private const int QueueCapacity = 4;

    private readonly SerialQueue<CallWork>? _events;

    /// <param name="lane">The event thread for the call's events (with <see cref="SerialDispatch.ThreadPool"/>); the thread
    /// pool when null.</param>
    public CallContext(string callId, TelephonyOptions options, TimeProvider time, Action<string> log,
        SerialDispatch events = SerialDispatch.ThreadPool, EventLane? lane = null)
    {
        CallId = callId;
        Options = options;
        Time = time;
        Log = log;
        Reports = new CallReports(callId, log);
        // Room for a few items made with the call: every call posts some, and its prompt ends are posted by a pacing
        // thread, which should not be the one that grows a queue (gc-trace allocations, issue 13).
        Work = new SerialQueue<CallWork>(new WorkHandler(this), SerialDispatch.Inline, capacity: QueueCapacity);
        if (events == SerialDispatch.Inline) return;
        var handOver = new EventHandOver(this);
        _events = lane is null
            ? new SerialQueue<CallWork>(handOver, SerialDispatch.ThreadPool, capacity: QueueCapacity)
            : new SerialQueue<CallWork>(handOver, lane, capacity: QueueCapacity);
    }

    public string CallId { get; }

    public TelephonyOptions Options { get; }

    public TimeProvider Time { get; }

    public Action<string> Log { get; }

    public SerialQueue<CallWork> Work { get; }

    /// <summary>Use only from <see cref="Work"/>.</summary>
    public CallReports Reports { get; }

    /// <summary>A command from the flow (or a bridge): runs now if the queue is idle, else after what is queued.</summary>
    public void Run(in CallWork command) => Work.Post(command);

    public void Run(Action command) => Work.Post(CallWork.Of(command));

    /// <summary>An event from a media, timer or SIP thread: handled on the queue, never on the posting thread.</summary>
    public void Post(in CallWork item)
    {
        if (_events is { } events) events.Post(item);
        else Work.Post(item);
    }

    public void Post(Action item) => Post(CallWork.Of(item));

    private void LogFailure(Exception error) => Log($"call {CallId}: {error.GetType().Name}: {error.Message}");

    /// <summary>Runs the call's work (<see cref="Work"/>); a failure is logged with the call's id.</summary>
    private sealed class WorkHandler(CallContext call) : ISerialHandler<CallWork>
    {
        public void Handle(CallWork item) => item.Run();

        public void Failed(CallWork item, Exception error) => call.LogFailure(error);
    }

    /// <summary>On the call's event thread: hands each event, in order, to <see cref="Work"/>. (Two small objects per
    /// call instead of three delegates and a closure: they are every held call's state.)</summary>
    private sealed class EventHandOver(CallContext call) : ISerialHandler<CallWork>
    {
        public void Handle(CallWork item) => call.Work.Post(item);

        public void Failed(CallWork item, Exception error) => call.LogFailure(error);
    }

    /// <summary>Reports to the flow from any thread: the report is made on the queue, after the events posted before.</summary>
    public void PostReport(Action<ICallInput> report) => Post(() => Reports.Report(report));
}
