using Ivr.Core.Lookups;
using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class LookupReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Lookup;

    public override IReadOnlyList<string> Fields { get; } =
        ["operation", "inputs", "outputs", "time_limit", "wait_prompt", "wait_after", "on"];

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

        return new LookupNode
        {
            Name = h.Name,
            Flow = h.Flow,
            Location = h.Location,
            Operation = f.Text("operation", required: true) ?? "",
            Inputs = OutcomeMapReader.Expressions(f, "inputs", h.Name),
            Outputs = OutcomeMapReader.Variables(f, "outputs", h.Name),
            TimeLimit = f.Time("time_limit") ?? TimeSpan.FromSeconds(5),
            WaitPrompt = f.Prompts("wait_prompt") ?? PromptList.Empty,
            WaitAfter = f.Time("wait_after") ?? TimeSpan.FromSeconds(30),
            On = on,
        };
    }
}
