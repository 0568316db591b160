using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class SetReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Set;

    public override IReadOnlyList<string> Fields { get; } = ["values", "next"];

    public override Node Read(FieldReader f, NodeHeader h) => new SetNode
    {
        Name = h.Name,
        Flow = h.Flow,
        Location = h.Location,
        Values = OutcomeMapReader.Expressions(f, "values", h.Name, required: true),
        Next = f.Target("next", required: true)!,
    };
}
