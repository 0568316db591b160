namespace Ivr.Flows.Model;

/// <summary>
/// One edge of the flow graph: leaving a node with <see cref="Outcome"/> goes to <see cref="Target"/>.
/// A null target is an edge that stays in the node (a menu's invalid or no-input retry).
/// Coverage counts these edges; diagrams draw them.
/// </summary>
public readonly record struct Transition(string Outcome, Target? Target);
