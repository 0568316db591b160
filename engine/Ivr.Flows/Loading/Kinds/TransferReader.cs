using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class TransferReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Transfer;

    public override IReadOnlyList<string> Fields { get; } = ["queue", "prompt", "context", "to", "on_failure"];

    public override Node Read(FieldReader f, NodeHeader h) => new TransferNode
    {
        Name = h.Name,
        Flow = h.Flow,
        Location = h.Location,
        Queue = f.Text("queue", required: true) ?? "",
        Prompt = f.Prompts("prompt") ?? PromptList.Empty,
        Context = OutcomeMapReader.Expressions(f, "context", h.Name),
        To = f.Expression("to"),
        OnFailure = f.Target("on_failure", required: true)!,
    };
}
