namespace Ivr.Flows.Loading.Kinds;

/// <summary>Reads one node kind: its field table (what the schema must list) and how its YAML becomes a model node.</summary>
internal abstract class NodeKindReader
{
    public abstract NodeKind Kind { get; }

    /// <summary>The kind as written after <c>kind:</c>.</summary>
    public string Name => Kind.ToString().ToLowerInvariant();

    /// <summary>Every field the kind accepts besides <c>kind</c>, in the order the documentation lists them.</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    /// <summary>Reads the node; missing or bad fields are reported and replaced by fallbacks so the node still exists.</summary>
    public abstract Node Read(FieldReader fields, NodeHeader header);
}
