namespace Ivr.Flows.Model.Nodes;

/// <summary><c>play</c>: one or more prompts. With barge-in a key stops playback and is kept for the next menu or collect.</summary>
public sealed class PlayNode : Node
{
    public override NodeKind Kind => NodeKind.Play;

    public required PromptList Prompts { get; init; }

    public bool BargeIn { get; init; } = true;

    public required Target Next { get; init; }

    public override IEnumerable<Transition> Transitions => [new(Outcomes.Next, Next)];
}
