using Ivr.Flows.Loading;
using Ivr.Flows.Model;
using Ivr.Flows.Validation;

namespace Ivr.Runtime.Tests.Support;

/// <summary>Writes small flow sets (inline YAML) to a scratch folder and loads them with the real loader.</summary>
internal static class FlowFixture
{
    public const string DefaultRoutes = "routes:\n  \"12333\": main\n  \"*\": main\n";

    /// <summary>Loads one flow file, <c>main.yaml</c>, with the default routes.</summary>
    public static FlowSet Load(string mainYaml) => Load(("main.yaml", mainYaml));

    /// <summary>Loads the files given (name, YAML); routes.yaml is added when not among them. Fails the test with the diagnostics when loading fails.</summary>
    public static FlowSet Load(params (string Name, string Yaml)[] files)
    {
        var result = TryLoad(files);
        if (result.Set is null)
            Assert.Fail("the fixture flow set did not load:\n" + string.Join('\n', result.Diagnostics.Where(d => d.Severity == Severity.Error)));
        return result.Set!;
    }

    public static FlowLoadResult TryLoad(params (string Name, string Yaml)[] files)
    {
        using var folder = new TempFolder();
        var flows = Path.Combine(folder.Path, "flows");
        var prompts = Path.Combine(folder.Path, "prompts");
        Directory.CreateDirectory(flows);
        Directory.CreateDirectory(prompts);
        foreach (var (name, yaml) in files) File.WriteAllText(Path.Combine(flows, name), yaml);
        if (!files.Any(f => f.Name == "routes.yaml")) File.WriteAllText(Path.Combine(flows, "routes.yaml"), DefaultRoutes);
        File.WriteAllText(Path.Combine(prompts, "catalog.yaml"), TestPrompts.Catalog());
        return FlowSetLoader.Load(flows, prompts);
    }
}
