namespace Ivr.Flows.Model.Nodes;

/// <summary>
/// <c>subflow</c>: runs another flow from its start; its <c>return</c> comes back here and continues at
/// the branch named by the returned outcome, else at <see cref="Next"/>.
/// </summary>
public sealed class SubflowNode : Node
{
    public override NodeKind Kind => NodeKind.Subflow;

    public required string Callee { get; init; }

    public required Ivr.Flows.Validation.SourceLocation CalleeLocation { get; init; }

    /// <summary>The called flow's start node, linked by the loader.</summary>
    public Node? Entry { get; set; }

    public required Target Next { get; init; }

    public required IReadOnlyList<KeyValuePair<string, Target>> On { get; init; }

    public override IEnumerable<Transition> Transitions =>
        On.Select(o => new Transition(o.Key, o.Value)).Append(new Transition(Outcomes.Next, Next));
}
