using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class PlayReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Play;

    public override IReadOnlyList<string> Fields { get; } = ["prompts", "recording", "barge_in", "next"];

    public override Node Read(FieldReader f, NodeHeader h) => new PlayNode
    {
        Name = h.Name,
        Flow = h.Flow,
        Location = h.Location,
        Prompts = f.Prompts("prompts", required: !f.Has("recording")) ?? PromptList.Empty,
        Recording = f.Text("recording"),
        BargeIn = f.Flag("barge_in") ?? true,
        Next = f.Target("next", required: true)!,
    };
}
