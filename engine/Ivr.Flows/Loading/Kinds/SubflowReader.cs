using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class SubflowReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Subflow;

    public override IReadOnlyList<string> Fields { get; } = ["flow", "next", "on"];

    public override Node Read(FieldReader f, NodeHeader h) => new SubflowNode
    {
        Name = h.Name,
        Flow = h.Flow,
        Location = h.Location,
        Callee = f.Text("flow", required: true) ?? "",
        CalleeLocation = f.Value("flow")?.Location ?? h.Location,
        Next = f.Target("next", required: true)!,
        On = OutcomeMapReader.Targets(f, "on", h.Name),
    };
}
