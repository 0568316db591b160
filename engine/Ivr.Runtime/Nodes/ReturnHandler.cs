namespace Ivr.Runtime.Nodes;

/// <summary>Ends a subflow: back to the calling node, leaving it by the returned outcome's branch (else next).</summary>
internal sealed class ReturnHandler : INodeHandler
{
    public void Enter(CallSession call, Node node)
    {
        var outcome = ((ReturnNode)node).Outcome;
        call.Record(CallEventKind.NodeLeft, node, Outcomes.Return, outcome);
        if (call.PopReturn() is not { } caller)
        {
            call.End("completed", hangUpChannel: true, detail: $"return '{outcome}' with no calling flow");
            return;
        }

        call.Record(CallEventKind.FlowReturned, caller, outcome, node.Flow);
        call.ResumeAt(caller);
        foreach (var (name, target) in caller.On)
        {
            if (name != outcome) continue;
            call.Leave(outcome, target);
            return;
        }

        call.Leave(Outcomes.Next, caller.Next);
    }
}
