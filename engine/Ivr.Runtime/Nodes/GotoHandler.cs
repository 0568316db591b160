namespace Ivr.Runtime.Nodes;

internal sealed class GotoHandler : INodeHandler
{
    public void Enter(CallSession call, Node node) => call.Leave(Outcomes.Next, ((GotoNode)node).Target);
}
