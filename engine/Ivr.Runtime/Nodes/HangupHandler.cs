namespace Ivr.Runtime.Nodes;

/// <summary>Says goodbye, then waits a moment for the caller to hang up first before hanging up.</summary>
internal sealed class HangupHandler : INodeHandler
{
    public void Enter(CallSession call, Node node) =>
        PlaybackInput.Instructions(call, ((HangupNode)node).Prompt);

    public void OnPlaybackFinished(CallSession call, Node node)
    {
        if (call.State.Phase != NodePhase.Prompting) return;
        call.State.Phase = NodePhase.Lingering;
        call.StartTimer(((HangupNode)node).Linger);
    }

    public void OnTimer(CallSession call, Node node)
    {
        if (call.State.Phase == NodePhase.Lingering) call.End(((HangupNode)node).Disposition, hangUpChannel: true);
    }
}
