using Ivr.Core.Channel;
using Ivr.Core.Fax;
using Ivr.Core.Lookups;

namespace Ivr.Runtime.Nodes;

/// <summary>
/// How one node kind behaves: entered, then told — one typed call per event — about what happens while
/// it is the current node. Every event but <see cref="Enter"/> is ignored unless the handler overrides
/// it (a key pressed where nothing listens is dropped; nodes that keep keys for the next menu say so).
/// The session has already filtered stale reports (a superseded playback, an abandoned lookup, a
/// cancelled timer). Handlers are stateless singletons; per-call state lives in the session.
/// </summary>
internal interface INodeHandler
{
    void Enter(CallSession call, Node node);

    void OnDigit(CallSession call, Node node, char digit)
    {
    }

    void OnPlaybackFinished(CallSession call, Node node)
    {
    }

    void OnTimer(CallSession call, Node node)
    {
    }

    void OnRecordingFinished(CallSession call, Node node, RecordingResult result)
    {
    }

    void OnTransferFinished(CallSession call, Node node, TransferResult result)
    {
    }

    void OnFaxFinished(CallSession call, Node node, FaxResult result)
    {
    }

    void OnLookupCompleted(CallSession call, Node node, LookupResult result)
    {
    }
}
