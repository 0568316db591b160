using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Calls;

namespace Ivr.Runtime.Nodes;

internal sealed class PlayHandler : INodeHandler
{
    public void Enter(CallSession call, Node node)
    {
        var play = (PlayNode)node;
        if (PlaybackInput.SkippedForTypeAhead(call, play.BargeIn, play.Next)) return;

        if (play.Recording is not { } variable || RecordingPrompt.For(call, variable) is not { } recording)
        {
            call.Play(play.Prompts.Resolved, play.BargeIn);
            return;
        }

        call.Play([.. play.Prompts.Resolved, recording], play.BargeIn);
    }

    public void OnInput(CallSession call, Node node, SessionInput input) =>
        PlaybackInput.Handle(call, input, ((PlayNode)node).BargeIn, ((PlayNode)node).Next);
}
