using Ivr.Core.Calls;
using Ivr.Flows.Model;
using Ivr.Runtime.Calls;

namespace Ivr.OperationsConsole.TryCalls;

/// <summary>
/// One try-call (试拨): the same <see cref="CallSession"/> as a phone call, in real time, on the flow set it was started
/// with, on a line the browser drives (keys, silence, hang-up) and listens to (<see cref="Feed"/>). <see cref="Draft"/>: the
/// draft it runs on (null: the serving version).
/// </summary>
internal sealed class TryCall
{
    private long _lastActivity;

    public TryCall(string id, string user, FlowSet set, Flow flow, CallServices services, TryCallFeed feed, TryCallChannel channel,
        TryCallRecorder recorder, IReadOnlyDictionary<string, string> switches, TryCallDraft? draft = null)
    {
        Draft = draft;
        Id = id;
        User = user;
        Set = set;
        Feed = feed;
        Channel = channel;
        Recorder = recorder;
        Switches = switches;
        StartedAt = services.Time.GetUtcNow();
        Session = new CallSession(new CallIdentity(id, TryCallScript.Caller, TryCallScript.Dialled), set, flow, services, channel);
        channel.Call = Session;
        Touch(services.Time);
    }

    public string Id { get; }

    public string User { get; }

    public FlowSet Set { get; }

    public CallSession Session { get; }

    public TryCallFeed Feed { get; }

    public TryCallChannel Channel { get; }

    public TryCallRecorder Recorder { get; }

    /// <summary>The switch values the call started with (its replay script sets the same).</summary>
    public IReadOnlyDictionary<string, string> Switches { get; }

    public DateTimeOffset StartedAt { get; }

    public TryCallDraft? Draft { get; }

    public DateTimeOffset? EndedAt { get; private set; }

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivity), TimeSpan.Zero);

    public void Touch(TimeProvider time) => Interlocked.Exchange(ref _lastActivity, time.GetUtcNow().UtcTicks);

    public void MarkEnded(DateTimeOffset at) => EndedAt ??= at;
}
