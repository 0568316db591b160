using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Loading;

public class VersionHashTests
{
    private const string Main = "flow: main\nstart: bye\nnodes:\n  bye: { kind: hangup, prompt: bye }\n";

    [Fact]
    public void Load_SameFiles_SameVersion()
    {
        using var folder = new FlowFolder().Write("main.yaml", Main);

        Assert.Equal(folder.Load().Set!.Version, folder.Load().Set!.Version);
        Assert.Matches("^[0-9a-f]{12}$", folder.Load().Set!.Version);
    }

    [Fact]
    public void Load_FlowFileChanges_VersionChanges()
    {
        using var folder = new FlowFolder().Write("main.yaml", Main);
        var before = folder.Load().Set!.Version;

        folder.Write("main.yaml", Main.Replace("hangup,", "hangup, linger: 1s,"));

        Assert.NotEqual(before, folder.Load().Set!.Version);
    }

    [Fact]
    public void Load_PromptAudioOrCatalogChanges_VersionChanges()
    {
        using var folder = new FlowFolder().Write("main.yaml", Main);
        var before = folder.Load().Set!.Version;

        File.WriteAllBytes(Path.Combine(folder.PromptsPath, "notes.txt"), [1, 2, 3]);
        var withExtraFile = folder.Load().Set!.Version;
        folder.WriteCatalog(["bye", "welcome"]);
        var withCatalogChange = folder.Load().Set!.Version;

        Assert.NotEqual(before, withExtraFile);
        Assert.NotEqual(withExtraFile, withCatalogChange);
    }

    [Fact]
    public void Load_RoutesOrCalendarChange_VersionChanges()
    {
        using var folder = new FlowFolder().Write("main.yaml", Main);
        var before = folder.Load().Set!.Version;

        folder.Write("routes.yaml", "routes:\n  \"12333\": main\n  \"*\": main\n");
        var routed = folder.Load().Set!.Version;
        folder.Write("calendar.yaml", "utc_offset: \"+08:00\"\nschedules:\n  agents:\n    hours:\n      weekdays: [08:00-20:00]\n");

        Assert.NotEqual(before, routed);
        Assert.NotEqual(routed, folder.Load().Set!.Version);
    }

    [Fact]
    public void Load_FileNotLoaded_DoesNotChangeVersion()
    {
        using var folder = new FlowFolder().Write("main.yaml", Main);
        var before = folder.Load().Set!.Version;

        folder.Write("README.md", "notes for editors");

        Assert.Equal(before, folder.Load().Set!.Version);
    }

    [Fact]
    public void Load_AnyError_LeavesTheSetNull()
    {
        using var folder = new FlowFolder().Write("main.yaml", Main.Replace("prompt: bye", "prompt: byee"));

        var result = folder.Load();

        Assert.Null(result.Set);
        Assert.False(result.Succeeded);
        Assert.Single(result.Errors);
    }
}
