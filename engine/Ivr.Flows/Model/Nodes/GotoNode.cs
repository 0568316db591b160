namespace Ivr.Flows.Model.Nodes;

/// <summary><c>goto</c>: continues at another node, in this flow or another.</summary>
public sealed class GotoNode : Node
{
    public override NodeKind Kind => NodeKind.Goto;

    public required Target Target { get; init; }

    public override IEnumerable<Transition> Transitions => [new(Outcomes.Next, Target)];
}
