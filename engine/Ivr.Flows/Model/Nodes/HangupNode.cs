namespace Ivr.Flows.Model.Nodes;

/// <summary>
/// <c>hangup</c>: plays the goodbye, then waits <see cref="Linger"/> for the caller to hang up first
/// (the hotline's etiquette) before hanging up with <see cref="Disposition"/>.
/// </summary>
public sealed class HangupNode : Node
{
    public override NodeKind Kind => NodeKind.Hangup;

    public required PromptList Prompt { get; init; }

    public TimeSpan Linger { get; init; } = TimeSpan.FromSeconds(2);

    public string Disposition { get; init; } = "completed";

    public override IEnumerable<Transition> Transitions => [];
}
