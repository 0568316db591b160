using Ivr.Fax;

namespace Ivr.Host.Tests.Cli;

/// <summary><c>ivr fax render</c> on a private copy of the repository's flows, prompts and fax sources.</summary>
[Collection("console")]
public sealed class FaxRenderVerbTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ivr-fax-render-").FullName;

    public FaxRenderVerbTests()
    {
        foreach (var folder in new[] { "flows", "prompts", Path.Combine("fax", "sources") })
            Copy(Path.Combine(ExampleFlows.RepositoryRoot, folder), Path.Combine(_root, folder));
    }

    private string Flows => Path.Combine(_root, "flows");

    private string Prompts => Path.Combine(_root, "prompts", "zh-CN");

    private string Rendered(string id) => Path.Combine(_root, "fax", "rendered", id + ".tif");

    [Fact]
    public async Task Render_RendersEveryDocumentOnce_ThenOnlyChangedOnes()
    {
        var (code, output, errors) = await ProgramTests.Run("fax", "render", "--flows", Flows, "--prompts", Prompts);

        Assert.True(code == 0, errors);
        foreach (var id in new[] { "pension_policy", "contribution_guide", "card_guide" })
        {
            Assert.Contains($"{id}: ", output);
            Assert.All(TiffPages.Read(Rendered(id)), p => Assert.Equal(new TiffPage(1728, 2292, 204, 196, 4), p));
        }

        File.AppendAllText(Path.Combine(_root, "fax", "sources", "card_guide.txt"), "\n新增一行说明。\n");
        (code, output, errors) = await ProgramTests.Run("fax", "render", "--flows", Flows, "--prompts", Prompts);

        Assert.True(code == 0, errors);
        Assert.Contains("pension_policy: unchanged", output);
        Assert.Contains("contribution_guide: unchanged", output);
        Assert.Contains("card_guide: 1 page(s)", output);
    }

    [Fact]
    public async Task Render_UnknownId_IsAUsageErrorNamingTheCatalog()
    {
        var (code, _, errors) = await ProgramTests.Run("fax", "render", "nope", "--flows", Flows, "--prompts", Prompts);

        Assert.Equal(2, code);
        Assert.Contains("not in the catalog: nope", errors);
        Assert.Contains("pension_policy", errors);
    }

    [Fact]
    public async Task Render_SourceNotUtf8_FailsForThatDocumentOnlyAndKeepsItsOldFile()
    {
        File.WriteAllBytes(Path.Combine(_root, "fax", "sources", "card_guide.txt"), [0xC9, 0xE7, 0xBB, 0xE1]); // GBK

        var (code, output, errors) = await ProgramTests.Run("fax", "render", "--flows", Flows, "--prompts", Prompts);

        Assert.Equal(1, code);
        Assert.Contains("card_guide: ", errors);
        Assert.Contains("not UTF-8", errors);
        Assert.Contains("pension_policy: ", output);
        Assert.False(File.Exists(Rendered("card_guide")));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
