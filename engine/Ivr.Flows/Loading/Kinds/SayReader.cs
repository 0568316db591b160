using Ivr.Core.Speech;
using Ivr.Flows.Expressions;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class SayReader : NodeKindReader
{
    public static readonly IReadOnlyList<string> SayAsNames = Enum.GetNames<SayAsKind>().Select(n => n.ToLowerInvariant()).ToArray();

    public override NodeKind Kind => NodeKind.Say;

    public override IReadOnlyList<string> Fields { get; } = ["before", "value", "as", "after", "readback", "barge_in", "next"];

    public override Node Read(FieldReader f, NodeHeader h) => new SayNode
    {
        Name = h.Name,
        Flow = h.Flow,
        Location = h.Location,
        Before = f.Prompts("before") ?? PromptList.Empty,
        Value = f.Expression("value", required: true) ?? Expression.Literal(""),
        As = ReadAs(f),
        After = f.Prompts("after") ?? PromptList.Empty,
        BargeIn = f.Flag("barge_in") ?? true,
        Readback = f.Flag("readback") ?? false,
        Next = f.Target("next", required: true)!,
    };

    private static SayAsKind ReadAs(FieldReader f)
    {
        var text = f.Text("as", required: true);
        if (text is null) return SayAsKind.Number;
        var index = SayAsNames.ToList().IndexOf(text);
        if (index >= 0) return Enum.GetValues<SayAsKind>()[index];
        f.Context.Error(f.Value("as")!.Location,
            $"{f.Owner}: cannot say a value as '{text}'{NameSuggester.Hint(text, SayAsNames)} (as: {string.Join(", ", SayAsNames)})");
        return SayAsKind.Number;
    }
}
