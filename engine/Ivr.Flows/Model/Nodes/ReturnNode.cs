namespace Ivr.Flows.Model.Nodes;

/// <summary><c>return</c>: ends a subflow and goes back to the node that called it with an outcome.</summary>
public sealed class ReturnNode : Node
{
    public override NodeKind Kind => NodeKind.Return;

    public string Outcome { get; init; } = "ok";

    public override IEnumerable<Transition> Transitions => [];
}
