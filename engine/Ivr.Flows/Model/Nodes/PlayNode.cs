namespace Ivr.Flows.Model.Nodes;

/// <summary><c>play</c>: one or more prompts, and optionally the caller's own recording. With barge-in a key stops playback and is kept for the next menu or collect.</summary>
public sealed class PlayNode : Node
{
    public override NodeKind Kind => NodeKind.Play;

    public required PromptList Prompts { get; init; }

    /// <summary>A variable holding a recording the caller made (a record node's <c>into</c>), played
    /// after <see cref="Prompts"/>: how a caller listens back to a voice message before saving it.</summary>
    public string? Recording { get; init; }

    public bool BargeIn { get; init; } = true;

    public required Target Next { get; init; }

    public override IEnumerable<Transition> Transitions => [new(Outcomes.Next, Next)];
}
