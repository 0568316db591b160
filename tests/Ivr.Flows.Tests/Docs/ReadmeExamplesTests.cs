using System.Text.RegularExpressions;
using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Docs;

/// <summary>The YAML examples of flows/README.md are written the way the loader reads them (no unknown fields or kinds, right types).</summary>
public partial class ReadmeExamplesTests
{
    private static readonly string[] Shape = ["YAML syntax", "unknown field", "unknown node kind", " must ", "is not a duration", "expression error", "is missing the required field", "duplicate key"];

    public static TheoryData<int, string> NodeExamples()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "flows", "README.md"));
        var data = new TheoryData<int, string>();
        foreach (Match block in YamlBlock().Matches(readme))
        {
            var yaml = block.Groups[1].Value;
            if (yaml.Contains("routes:", StringComparison.Ordinal) || yaml.StartsWith("documents:", StringComparison.Ordinal)) continue; // not flows
            data.Add(readme[..block.Index].Count(c => c == '\n') + 2, yaml);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NodeExamples))]
    public void Readme_YamlExample_HasTheShapeTheLoaderReads(int line, string yaml)
    {
        var isFlow = yaml.Contains("\nflow:", StringComparison.Ordinal) || yaml.StartsWith("flow:", StringComparison.Ordinal);
        var text = isFlow ? yaml : "flow: main\nstart: x\nnodes:\n" + string.Concat(yaml.Split('\n').Select(l => "  " + l + "\n"));
        using var folder = new FlowFolder().Write("main.yaml", text);

        var wrong = folder.Problems().Where(p => Shape.Any(p.Contains)).ToList();

        Assert.True(wrong.Count == 0, $"README line {line}: {string.Join("; ", wrong)}");
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
