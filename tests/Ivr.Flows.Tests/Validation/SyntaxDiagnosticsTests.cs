using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Validation;

public class SyntaxDiagnosticsTests
{
    [Fact]
    public void Load_BadIndentation_ReportsYamlSyntaxWhereItIs()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: bye
            nodes:
              bye:
                kind: hangup
               prompt: bye
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.StartsWith("flows/main.yaml:6:", problem);
        Assert.Contains("error: YAML syntax:", problem);
    }

    [Fact]
    public void Load_UnquotedStar_ExplainsQuoting()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: bye
            defaults:
              back_key: *
            nodes:
              bye: { kind: hangup }
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.StartsWith("flows/main.yaml:4:13: error: YAML syntax:", problem);
        Assert.Contains("must be quoted, e.g. \"*\"", problem);
    }

    [Fact]
    public void Load_SyntaxErrorInOneFile_StillChecksTheOthers()
    {
        using var folder = new FlowFolder()
            .Write("main.yaml", "flow: main\nstart: bye\nnodes: { bye: { kind: hangup }\n")
            .Write("other.yaml", "flow: other\nstart: x\nnodes:\n  x: { kind: hangup, lnger: 2s }\n");

        var problems = folder.Problems();

        Assert.Contains(problems, p => p.StartsWith("flows/main.yaml:4:1: error: YAML syntax:", StringComparison.Ordinal));
        Assert.Contains("flows/other.yaml:4:22: error: unknown field 'lnger' in hangup 'x'; did you mean 'linger'?", problems);
    }

    [Fact]
    public void Load_DuplicateNodeName_ReportsSecondWithFirstLine()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: bye
            nodes:
              bye: { kind: hangup }
              bye: { kind: hangup, linger: 1s }
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.Equal("flows/main.yaml:5:3: error: duplicate key 'bye': it is already used at line 4; keep only one of them", problem);
    }

    [Fact]
    public void Load_DuplicateMenuKey_IsAnError()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            nodes:
              ask:
                kind: menu
                prompt: menu
                on_fail: bye
                options:
                  "1": bye
                  1: bye
              bye: { kind: hangup }
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.Equal("flows/main.yaml:10:7: error: duplicate key '1': it is already used at line 9; keep only one of them", problem);
    }

    [Fact]
    public void Load_EmptyFile_SaysHowAFlowStarts()
    {
        using var folder = new FlowFolder().Write("main.yaml", "# nothing yet\n");

        Assert.Contains("flows/main.yaml:0:0: error: the file is empty; a flow file starts with flow: name", folder.Problems());
    }

    [Fact]
    public void Load_TwoFlowsWithOneName_IsAnError()
    {
        using var folder = new FlowFolder()
            .Write("main.yaml", "flow: main\nstart: bye\nnodes:\n  bye: { kind: hangup }\n")
            .Write("main2.yaml", "flow: main\nstart: bye\nnodes:\n  bye: { kind: hangup }\n");

        var problem = Assert.Single(folder.Problems());

        Assert.StartsWith("flows/main2.yaml:1:1: error: flow 'main' is already defined in flows/main.yaml", problem);
    }

    [Fact]
    public void Load_MismatchedBrackets_AreASyntaxErrorNotACrash()
    {
        // YamlDotNet throws InvalidOperationException (not YamlException) on some of these.
        var text = File.ReadAllText(Path.Combine(RepoPaths.Examples, "pension.yaml")).Replace("{", "[");
        using var folder = new FlowFolder().Write("main.yaml", text);

        var result = folder.Load();

        Assert.Null(result.Set);
        Assert.Contains(result.Errors, e => e.Message.StartsWith("YAML syntax:", StringComparison.Ordinal) && e.Line > 0);
    }
}
