using Ivr.Core.Channel;
using Ivr.Runtime.Calls;

namespace Ivr.Host.Hosting;

/// <summary>
/// Starts calls on the flow set serving at that moment: the seam where a telephony channel (or a
/// test) becomes a running call. A call keeps its set to the end, whatever reloads happen.
/// </summary>
public sealed class CallFactory(FlowSetHost flows, CallServices services)
{
    /// <summary>A started call, or null when no valid flow set serves or no route answers the number.</summary>
    public CallSession? Start(CallIdentity identity, ICallChannel channel, Action<CallSession>? attach = null)
    {
        var set = flows.Current;
        if (set?.FlowFor(identity.Dialled) is not { } flow) return null;
        var call = new CallSession(identity, set, flow, services, channel);
        attach?.Invoke(call);
        call.Start();
        return call;
    }
}
