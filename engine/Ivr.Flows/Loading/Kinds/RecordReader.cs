using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class RecordReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Record;

    public override IReadOnlyList<string> Fields { get; } =
        ["prompt", "beep", "max_length", "silence", "end_key", "into", "next", "on_empty"];

    public override Node Read(FieldReader f, NodeHeader h)
    {
        var endKey = f.Key("end_key", out var endKeyGiven);
        return new RecordNode
        {
            Name = h.Name,
            Flow = h.Flow,
            Location = h.Location,
            Prompt = f.Prompts("prompt") ?? PromptList.Empty,
            Beep = f.Flag("beep") ?? true,
            MaxLength = f.Time("max_length") ?? TimeSpan.FromSeconds(60),
            Silence = f.Time("silence") ?? TimeSpan.FromSeconds(5),
            EndKey = endKeyGiven ? endKey : '#',
            Into = VariableName.Read(f, "into", required: true) ?? "",
            Next = f.Target("next", required: true)!,
            OnEmpty = f.Target("on_empty"),
        };
    }
}
