using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class GotoReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Goto;

    public override IReadOnlyList<string> Fields { get; } = ["target"];

    public override Node Read(FieldReader f, NodeHeader h) => new GotoNode
    {
        Name = h.Name,
        Flow = h.Flow,
        Location = h.Location,
        Target = f.Target("target", required: true)!,
    };
}
