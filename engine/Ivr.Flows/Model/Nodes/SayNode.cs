using Ivr.Core.Speech;
using Ivr.Flows.Expressions;

namespace Ivr.Flows.Model.Nodes;

/// <summary><c>say</c>: a value read out in Mandarin (number, amount, digits, date, month or time), between optional prompts.</summary>
public sealed class SayNode : Node
{
    public override NodeKind Kind => NodeKind.Say;

    public required PromptList Before { get; init; }

    public required Expression Value { get; init; }

    public required SayAsKind As { get; init; }

    public required PromptList After { get; init; }

    public bool BargeIn { get; init; } = true;

    /// <summary>Reads a secure entry back to the caller who just typed it (a callback number to
    /// confirm). The value is spoken but stays masked in every event; without it a secure value is never spoken.</summary>
    public bool Readback { get; init; }

    public required Target Next { get; init; }

    public override IEnumerable<Transition> Transitions => [new(Outcomes.Next, Next)];
}
