using Ivr.Core.Lookups;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class LookupReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Lookup;

    public override IReadOnlyList<string> Fields { get; } =
        ["operation", "inputs", "outputs", "time_limit", "wait_prompt", "wait_after", "thanks_prompt", "on"];

    public override Node Read(FieldReader f, NodeHeader h)
    {
        var on = OutcomeMapReader.Targets(f, "on", h.Name, required: true);
        if (f.Has("on"))
        {
            foreach (var needed in new[] { LookupResult.Ok, LookupResult.Error })
            {
                if (on.All(o => o.Key != needed))
                    f.Context.Error(f.Value("on")!.Location, $"{f.Owner}: 'on' has no '{needed}' branch; every lookup needs ok: and error: (not_found, timeout and other outcomes without a branch go to error)");
            }
        }

        var timeLimit = f.Time("time_limit") ?? TimeSpan.FromSeconds(5);
        var waitPrompt = f.Prompts("wait_prompt") ?? PromptList.Empty;
        var waitAfter = f.Time("wait_after") ?? TimeSpan.FromSeconds(30);
        if (!waitPrompt.IsEmpty && waitAfter >= timeLimit)
        {
            f.Context.Warning(f.Value("wait_prompt")!.Location,
                $"{f.Owner}: wait_prompt is never played: wait_after ({Duration.Format(waitAfter)}) is not shorter than time_limit ({Duration.Format(timeLimit)}); shorten wait_after or lengthen time_limit");
        }

        return new LookupNode
        {
            Name = h.Name,
            Flow = h.Flow,
            Location = h.Location,
            Operation = f.Text("operation", required: true) ?? "",
            Inputs = OutcomeMapReader.Expressions(f, "inputs", h.Name),
            Outputs = OutcomeMapReader.Variables(f, "outputs", h.Name),
            TimeLimit = timeLimit,
            WaitPrompt = waitPrompt,
            WaitAfter = waitAfter,
            ThanksPrompt = f.Prompts("thanks_prompt") ?? PromptList.Empty,
            On = on,
        };
    }
}
