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

    /// <summary>Where to transfer instead of the queue's URI (<c>to:</c>, a SIP URI such as the agent an assisted
    /// check returns the caller to); null: the queue's. The telephony layer transfers only to trusted PBX hosts.</summary>
    public Expression? To { get; init; }

    public required Target OnFailure { get; init; }

    public override IEnumerable<Transition> Transitions => [new(Outcomes.Failed, OnFailure)];
}
