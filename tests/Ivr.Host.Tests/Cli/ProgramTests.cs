namespace Ivr.Host.Tests.Cli;

[Collection("console")]
public sealed class ProgramTests
{
    public static TheoryData<string> Verbs => [.. Program.Commands.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task EveryVerb_Help_ExitsZeroAndPrintsUsage(string verb)
    {
        var (code, output, _) = await Run(verb, "--help");

        Assert.Equal(0, code);
        Assert.Contains($"usage: ivr {verb}", output);
    }

    [Fact]
    public async Task UnknownVerb_ExitsTwoAndListsTheVerbs()
    {
        var (code, _, errors) = await Run("frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("unknown command 'frobnicate'", errors);
        Assert.Contains("validate", errors);
    }

    [Fact]
    public async Task Validate_ExampleFlows_ExitsZero()
    {
        using var files = new ExampleFlows();

        var (code, _, errors) = await Run("validate", files.Flows, "--prompts", files.Prompts);

        Assert.True(code == 0, errors);
    }

    [Fact]
    public async Task Validate_BrokenFlow_ExitsOneWithOneLocatedDiagnosticPerLine()
    {
        using var files = new ExampleFlows();
        files.Edit("main.yaml", y => y.Replace("kind: menu", "kind: menuu"));

        var (code, output, _) = await Run("validate", files.Flows, "--prompts", files.Prompts);

        Assert.Equal(1, code);
        Assert.Matches(@"(?m)^.*main\.yaml:\d+:\d+: error: .*menuu.*$", output);
        Assert.DoesNotContain("   at ", output); // no stack trace for an editor's mistake
    }

    [Fact]
    public async Task Replay_MissingPath_IsAUsageError()
    {
        var (code, _, errors) = await Run("replay", "/no/such/script.yaml");

        Assert.Equal(2, code);
        Assert.Contains("neither a script nor a folder", errors);
    }

    internal static async Task<(int Code, string Output, string Errors)> Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            var code = await Program.RunAsync(args, CancellationToken.None);
            return (code, output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
