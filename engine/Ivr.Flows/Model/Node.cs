namespace Ivr.Flows.Model;

/// <summary>A step of a flow. Each kind is its own sealed class; the runtime has one handler per kind.</summary>
public abstract class Node
{
    /// <summary>The node's name within its flow.</summary>
    public required string Name { get; init; }

    /// <summary>The flow the node belongs to.</summary>
    public required string Flow { get; init; }

    public required SourceLocation Location { get; init; }

    /// <summary><c>flow.node</c>: how events, coverage and other flows name it.</summary>
    public string Id => field ??= $"{Flow}.{Name}";

    public abstract NodeKind Kind { get; }

    /// <summary>Every edge leaving this node, for validation, coverage and diagrams.</summary>
    public abstract IEnumerable<Transition> Transitions { get; }

    public override string ToString() => Id;
}
