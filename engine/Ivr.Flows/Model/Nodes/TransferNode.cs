using Ivr.Flows.Expressions;

namespace Ivr.Flows.Model.Nodes;

/// <summary><c>transfer</c>: hands the call to a queue of agents with context; a failure goes to <see cref="OnFailure"/>.</summary>
public sealed class TransferNode : Node
{
    public override NodeKind Kind => NodeKind.Transfer;

    public required string Queue { get; init; }

    public required PromptList Prompt { get; init; }

    /// <summary>Context name → value passed to the agent (never a secure value).</summary>
    public required IReadOnlyList<KeyValuePair<string, Expression>> Context { get; init; }

    public required Target OnFailure { get; init; }

    public override IEnumerable<Transition> Transitions => [new(Outcomes.Failed, OnFailure)];
}
