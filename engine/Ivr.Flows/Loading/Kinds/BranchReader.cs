using Ivr.Flows.Loading.Yaml;
using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class BranchReader : NodeKindReader
{
    public static readonly IReadOnlyList<string> CaseFields = ["when", "then"];

    public override NodeKind Kind => NodeKind.Branch;

    public override IReadOnlyList<string> Fields { get; } = ["cases", "else"];

    public override Node Read(FieldReader f, NodeHeader h) => new BranchNode
    {
        Name = h.Name,
        Flow = h.Flow,
        Location = h.Location,
        Cases = ReadCases(f, h),
        Else = f.Target("else", required: true)!,
    };

    private static List<BranchCase> ReadCases(FieldReader f, NodeHeader h)
    {
        var cases = new List<BranchCase>();
        var value = f.Value("cases", required: true);
        if (value is null) return cases;
        if (value is not YamlList list)
        {
            f.Context.Error(value.Location, $"{f.Owner}: 'cases' must be a list of '- when: condition' / '  then: node' entries, not {value.Describe()}");
            return cases;
        }

        for (var i = 0; i < list.Items.Count; i++)
        {
            if (list.Items[i] is not YamlMap map)
            {
                f.Context.Error(list.Items[i].Location, $"{f.Owner}: case {i + 1} must be a map with when: and then:, not {list.Items[i].Describe()}");
                continue;
            }

            var owner = $"{f.Owner} case {i + 1}";
            var caseReader = new FieldReader(map, owner, CaseFields, f.Context, $"{h.Name}/cases/{i + 1}") { OwnerLocation = map.Location };
            var when = caseReader.Expression("when", required: true);
            var then = caseReader.Target("then", required: true)!;
            caseReader.ReportUnknownFields();
            if (when is not null) cases.Add(new BranchCase(when, then));
        }

        return cases;
    }
}
