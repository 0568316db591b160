using System.Text.RegularExpressions;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed partial class HangupReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Hangup;

    public override IReadOnlyList<string> Fields { get; } = ["prompt", "linger", "disposition"];

    public override Node Read(FieldReader f, NodeHeader h) => new HangupNode
    {
        Name = h.Name,
        Flow = h.Flow,
        Location = h.Location,
        Prompt = f.Prompts("prompt") ?? PromptList.Empty,
        Linger = f.Time("linger") ?? TimeSpan.FromSeconds(2),
        Disposition = ReadDisposition(f),
    };

    private static string ReadDisposition(FieldReader f)
    {
        var text = f.Text("disposition");
        if (text is null) return "completed";
        if (DispositionPattern().IsMatch(text)) return text;
        f.Context.Error(f.Value("disposition")!.Location,
            $"{f.Owner}: disposition '{text}' may only use lowercase letters a-z, digits and _ (at most 32, starting with a letter), e.g. completed or caller_failed");
        return "completed";
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,31}$")]
    private static partial Regex DispositionPattern();
}
