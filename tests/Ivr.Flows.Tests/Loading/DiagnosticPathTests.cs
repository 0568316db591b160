using Ivr.Flows.Loading;
using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Loading;

public class DiagnosticPathTests
{
    [Fact]
    public void Load_RelativeFolders_NameFilesRelativeToTheCurrentDirectory()
    {
        using var folder = new FlowFolder().Write("main.yaml", "flow: main\nstart: bye\nnodes:\n  bye: { kind: hangup, prompt: byee }\n");
        var flows = Path.GetRelativePath(Directory.GetCurrentDirectory(), folder.FlowsPath);
        var prompts = Path.GetRelativePath(Directory.GetCurrentDirectory(), folder.PromptsPath);

        var result = FlowSetLoader.Load(flows, prompts);

        var error = Assert.Single(result.Errors);
        Assert.Equal(Path.Join(flows, "main.yaml"), error.Path);
        Assert.Equal((4, 32), (error.Line, error.Column));
        Assert.Contains(Path.Join(prompts, "catalog.yaml"), error.Message);
        Assert.All(result.Warnings, w => Assert.StartsWith(prompts, w.Path));
    }

    [Fact]
    public void Load_MissingFlowsFolder_IsOneClearError()
    {
        var result = FlowSetLoader.Load("no-such-folder", "no-such-prompts");

        Assert.Null(result.Set);
        Assert.Equal("no-such-folder:0:0: error: the flows folder does not exist", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Load_MissingCatalog_IsReportedByThePromptLoader()
    {
        using var folder = new FlowFolder().Write("main.yaml", "flow: main\nstart: bye\nnodes:\n  bye: { kind: hangup }\n");
        File.Delete(Path.Combine(folder.PromptsPath, "catalog.yaml"));

        Assert.Equal(["prompts/catalog.yaml:0:0: error: prompt catalog not found; create it (see prompts/zh-CN/catalog.yaml)"], folder.Problems());
    }

    [Fact]
    public void Load_FileSavedWithByteOrderMarkAndCrLf_LoadsLikeAnyOther()
    {
        using var folder = new FlowFolder();
        File.WriteAllText(Path.Combine(folder.FlowsPath, "main.yaml"), "flow: main\r\nstart: bye\r\nnodes:\r\n  bye: { kind: hangup, lnger: 2s }\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal(["flows/main.yaml:4:24: error: unknown field 'lnger' in hangup 'bye'; did you mean 'linger'?"], folder.Problems());
    }
}
