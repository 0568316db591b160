using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Calls;

namespace Ivr.Runtime.Nodes;

internal sealed class PlayHandler : INodeHandler
{
    public void Enter(CallSession call, Node node)
    {
        var play = (PlayNode)node;
        call.Play(play.Prompts.Resolved, play.BargeIn);
    }

    public void OnInput(CallSession call, Node node, SessionInput input) =>
        PlaybackInput.Handle(call, input, ((PlayNode)node).BargeIn, ((PlayNode)node).Next);
}
