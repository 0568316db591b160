using Ivr.Flows.Expressions;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class FaxReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Fax;

    public override IReadOnlyList<string> Fields { get; } = ["document", "sent", "failed", "unavailable"];

    public override Node Read(FieldReader f, NodeHeader h) => new FaxNode
    {
        Name = h.Name,
        Flow = h.Flow,
        Location = h.Location,
        Document = f.Expression("document", required: true) ?? Expression.Literal(""),
        Sent = f.Target("sent", required: true)!,
        Failed = f.Target("failed", required: true)!,
        Unavailable = f.Target("unavailable"),
    };
}
