namespace Ivr.Runtime.Nodes;

/// <summary>Takes the first case whose condition holds (edges named case1, case2 …), else the else branch.</summary>
internal sealed class BranchHandler : INodeHandler
{
    private static readonly string[] CaseNames = [.. Enumerable.Range(1, 32).Select(i => $"case{i}")];

    public void Enter(CallSession call, Node node)
    {
        var branch = (BranchNode)node;
        for (var i = 0; i < branch.Cases.Count; i++)
        {
            if (!branch.Cases[i].When.Evaluate(call.Variables).IsTrue) continue;
            call.Leave(i < CaseNames.Length ? CaseNames[i] : $"case{i + 1}", branch.Cases[i].Then);
            return;
        }

        call.Leave(Outcomes.Else, branch.Else);
    }

    public void OnDigit(CallSession call, Node node, char digit) => call.TypeAhead(digit);
}
