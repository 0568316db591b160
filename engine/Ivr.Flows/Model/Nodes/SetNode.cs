using Ivr.Flows.Expressions;

namespace Ivr.Flows.Model.Nodes;

/// <summary><c>set</c>: assigns variables from expressions, in order.</summary>
public sealed class SetNode : Node
{
    public override NodeKind Kind => NodeKind.Set;

    public required IReadOnlyList<KeyValuePair<string, Expression>> Values { get; init; }

    public required Target Next { get; init; }

    public override IEnumerable<Transition> Transitions => [new(Outcomes.Next, Next)];
}
