using Ivr.Core.Channel;
using Ivr.Core.Serial;

namespace Ivr.Telephony.Calls;

/// <summary>
/// What every part of one answered call shares: its id, the settings, the clock, the log, and the call's one
/// serial queue. Commands from the flow and events from the pacing, RTP, timer and SIP threads are posted to the
/// queue and run there one at a time, to completion, so the parts keep their state without locks; reports to the
/// flow (<see cref="CallReports"/>) are made from it. Production runs the queue on the thread pool; tests run it
/// inline on their own thread, with a fake clock.
/// </summary>
internal sealed class CallContext
{
    public CallContext(string callId, TelephonyOptions options, TimeProvider time, Action<string> log, SerialDispatch dispatch = SerialDispatch.ThreadPool)
    {
        CallId = callId;
        Options = options;
        Time = time;
        Log = log;
        Reports = new CallReports(callId, log);
        Work = new SerialQueue<Action>(static item => item(), (_, ex) => log($"call {callId}: {ex.GetType().Name}: {ex.Message}"), dispatch);
    }

    public string CallId { get; }

    public TelephonyOptions Options { get; }

    public TimeProvider Time { get; }

    public Action<string> Log { get; }

    public SerialQueue<Action> Work { get; }

    /// <summary>Use only from <see cref="Work"/>.</summary>
    public CallReports Reports { get; }

    public void Post(Action item) => Work.Post(item);

    /// <summary>Reports to the flow from any thread: the report is made on the queue, after what was posted before.</summary>
    public void PostReport(Action<ICallInput> report) => Work.Post(() => Reports.Report(report));
}
