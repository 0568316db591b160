using Ivr.Flows.Loading;
using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Loading;

/// <summary>Half-typed and mangled files (what an editor saves mid-change) give diagnostics, never an exception.</summary>
public class RobustnessTests
{
    public static TheoryData<string> ExampleFlows => new(["main.yaml", "pension.yaml", "authentication.yaml"]);

    [Theory]
    [MemberData(nameof(ExampleFlows))]
    public void Load_ExampleWithAnyLineRemovedOrCut_ReportsInsteadOfThrowing(string file)
    {
        var original = File.ReadAllText(Path.Combine(RepoPaths.Examples, file));
        var lines = original.Split('\n');
        using var folder = new FlowFolder(prompts: File.ReadAllLines(Path.Combine(RepoPaths.ExamplePrompts, "catalog.yaml"))
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(':')).Select(l => l.Trim()[..l.Trim().IndexOf(':')]));
        foreach (var other in new[] { "main.yaml", "pension.yaml", "authentication.yaml", "calendar.yaml" }.Where(f => f != file))
            folder.Write(other, File.ReadAllText(Path.Combine(RepoPaths.Examples, other)));

        var variants = new List<string>();
        for (var i = 0; i < lines.Length; i++) variants.Add(string.Join('\n', lines.Where((_, j) => j != i)));
        for (var cut = 0; cut < original.Length; cut += 37) variants.Add(original[..cut]);
        variants.Add(original.Replace(": ", ":"));
        variants.Add(original.Replace("{", "["));
        variants.Add(original.Replace("kind: ", "kind: [") );

        foreach (var variant in variants)
        {
            folder.Write(file, variant);
            var result = FlowSetLoader.Load(folder.FlowsPath, folder.PromptsPath);
            Assert.True(result.Set is not null || result.Errors.Any(), "a rejected set must say why");
        }
    }

    [Fact]
    public void Load_MangledCalendarOrCatalog_ReportsInsteadOfThrowing()
    {
        using var folder = new FlowFolder().Write("main.yaml", "flow: main\nstart: bye\nnodes:\n  bye: { kind: hangup }\n");
        folder.Write("calendar.yaml", File.ReadAllText(Path.Combine(RepoPaths.Examples, "calendar.yaml")).Replace("{", "["));
        File.WriteAllText(Path.Combine(folder.PromptsPath, "catalog.yaml"), File.ReadAllText(Path.Combine(RepoPaths.Examples, "pension.yaml")).Replace("{", "["));

        var result = folder.Load();

        Assert.Null(result.Set);
        Assert.Contains(result.Errors, e => e.Path.EndsWith("calendar.yaml", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Path.EndsWith("catalog.yaml", StringComparison.Ordinal));
    }
}
