namespace Ivr.Flows.Model.Nodes;

/// <summary><c>record</c>: a voice message after a beep; ends on the end key, silence or the maximum length.</summary>
public sealed class RecordNode : Node
{
    public override NodeKind Kind => NodeKind.Record;

    public required PromptList Prompt { get; init; }

    public bool Beep { get; init; } = true;

    public TimeSpan MaxLength { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan Silence { get; init; } = TimeSpan.FromSeconds(5);

    public char? EndKey { get; init; } = '#';

    /// <summary>Variable that receives the recording's id.</summary>
    public required string Into { get; init; }

    public required Target Next { get; init; }

    /// <summary>Where to go when nothing was recorded; <see cref="Next"/> when not given.</summary>
    public Target? OnEmpty { get; init; }

    public override IEnumerable<Transition> Transitions =>
        OnEmpty is null ? [new(Outcomes.Next, Next)] : [new(Outcomes.Next, Next), new(Outcomes.Empty, OnEmpty)];
}
