using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Calls;

namespace Ivr.Runtime.Nodes;

/// <summary>Says goodbye, then waits a moment for the caller to hang up first before hanging up.</summary>
internal sealed class HangupHandler : INodeHandler
{
    public void Enter(CallSession call, Node node) =>
        PlaybackInput.Instructions(call, ((HangupNode)node).Prompt);

    public void OnInput(CallSession call, Node node, SessionInput input)
    {
        var hangup = (HangupNode)node;
        switch (input.Kind)
        {
            case SessionInputKind.PlaybackFinished when call.State.Phase == NodePhase.Prompting:
                call.State.Phase = NodePhase.Lingering;
                call.StartTimer(hangup.Linger);
                break;
            case SessionInputKind.Timer when call.State.Phase == NodePhase.Lingering:
                call.End(hangup.Disposition, hangUpChannel: true);
                break;
        }
    }
}
