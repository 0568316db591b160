namespace Ivr.Runtime.Nodes;

/// <summary>Calls another flow from its start; the matching <c>return</c> resumes here.</summary>
internal sealed class SubflowHandler : INodeHandler
{
    public void Enter(CallSession call, Node node)
    {
        var subflow = (SubflowNode)node;
        call.PushReturn(subflow);
        call.Jump(subflow.Entry!);
    }
}
