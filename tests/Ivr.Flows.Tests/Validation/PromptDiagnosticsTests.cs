using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Validation;

public class PromptDiagnosticsTests
{
    [Fact]
    public void Load_PromptMissingFromCatalog_PointsAtTheIdInTheList()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: hello
            nodes:
              hello: { kind: play, prompts: [welcome, welcom], next: bye }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:4:43: error: prompt 'welcom' is not in the catalog prompts/catalog.yaml; did you mean 'welcome'? Otherwise add it to the catalog"],
            folder.Problems());
    }

    [Fact]
    public void Load_PromptWithTextButNoAudio_Warns()
    {
        using var folder = new FlowFolder(prompts: ["bye"], sayFragments: false).Write("main.yaml", """
            flow: main
            start: bye
            nodes:
              bye: { kind: hangup, prompt: bye }
            """);

        var result = folder.Load();

        Assert.NotNull(result.Set);
        Assert.Equal(["prompts/catalog.yaml:4:3: warning: prompt 'bye' has no audio (bye.wav); it is text-only until you run the prompt audio builder or record it"],
            result.Diagnostics.Select(folder.Show));
    }

    [Fact]
    public void Load_SayWithoutFragmentPrompts_IsAnError()
    {
        using var folder = new FlowFolder(sayFragments: false).Write("main.yaml", """
            flow: main
            start: say
            variables: { amount: "12" }
            nodes:
              say: { kind: say, before: amount_is, value: amount, as: amount, next: bye }
              bye: { kind: hangup }
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.StartsWith("flows/main.yaml:5:3: error: say 'say' needs the say-as fragment prompts n0, n1,", problem);
    }

    [Fact]
    public void Load_NoSayNodeAndNoFragments_IsFine()
    {
        using var folder = new FlowFolder(sayFragments: false).Write("main.yaml", "flow: main\nstart: bye\nnodes:\n  bye: { kind: hangup, prompt: bye }\n");

        Assert.Empty(folder.Problems());
    }
}
