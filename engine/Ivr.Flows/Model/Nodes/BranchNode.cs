namespace Ivr.Flows.Model.Nodes;

/// <summary><c>branch</c>: the first case whose condition holds, else <see cref="Else"/>.</summary>
public sealed class BranchNode : Node
{
    public override NodeKind Kind => NodeKind.Branch;

    public required IReadOnlyList<BranchCase> Cases { get; init; }

    public required Target Else { get; init; }

    public override IEnumerable<Transition> Transitions =>
        Cases.Select((c, i) => new Transition($"case{i + 1}", c.Then)).Append(new Transition(Outcomes.Else, Else));
}
