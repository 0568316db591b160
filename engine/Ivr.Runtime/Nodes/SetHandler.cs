namespace Ivr.Runtime.Nodes;

/// <summary>Assigns variables in order; a value computed from a secure one stays secure (and masked in events).</summary>
internal sealed class SetHandler : INodeHandler
{
    public void Enter(CallSession call, Node node)
    {
        var set = (SetNode)node;
        foreach (var (name, expression) in set.Values)
        {
            var secure = call.Variables.SecureStyleOf(expression);
            call.Variables.Set(name, expression.Evaluate(call.Variables).AsText(), secure);
            call.Record(CallEventKind.VariableSet, node, null, $"{name}={call.Variables.Display(name)}");
        }

        call.Leave(Outcomes.Next, set.Next);
    }

    public void OnDigit(CallSession call, Node node, char digit) => call.TypeAhead(digit);
}
