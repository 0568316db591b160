using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class HoursReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Hours;

    public override IReadOnlyList<string> Fields { get; } = ["schedule", "open", "closed", "holiday"];

    public override Node Read(FieldReader f, NodeHeader h) => new HoursNode
    {
        Name = h.Name,
        Flow = h.Flow,
        Location = h.Location,
        Schedule = f.Text("schedule", required: true) ?? "",
        Open = f.Target("open", required: true)!,
        Closed = f.Target("closed", required: true)!,
        Holiday = f.Target("holiday"),
    };
}
