namespace Ivr.Flows.Model;

/// <summary>One flow file: a named graph of nodes with a start node and initial variables.</summary>
public sealed class Flow
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The file it was loaded from, relative to the flows folder.</summary>
    public required string Path { get; init; }

    public required SourceLocation Location { get; init; }

    public required Target Start { get; init; }

    /// <summary>Nodes by name, in the order written.</summary>
    public required IReadOnlyDictionary<string, Node> Nodes { get; init; }

    /// <summary>Variables set when the call enters this flow the first time (announcement switches and the like).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>The variables editors switch from the console (<c>switches:</c>), in the order written.</summary>
    public IReadOnlyList<FlowSwitch> Switches { get; init; } = [];

    public override string ToString() => Name;
}
