using Ivr.Core.Calls;
using Ivr.Flows.Loading;
using Ivr.Flows.Model;
using Ivr.Runtime.Input;
using Ivr.Runtime.Replay;

namespace Ivr.Host.Tests.Replay;

/// <summary>A recorded call becomes a script that replays green, with no secure value in clear.</summary>
public sealed class ScriptFromCallTests : IDisposable
{
    private static readonly string Id = "11010519491231002" + ResidentId.CheckCharacter("11010519491231002");
    private readonly ExampleFlows _files = new();
    private readonly FlowSet _set;

    public ScriptFromCallTests()
    {
        var loaded = FlowSetLoader.Load(_files.Flows, _files.Prompts);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Errors));
        _set = loaded.Set!;
    }

    [Fact]
    public void Write_RecordedCall_ReplaysGreenWithPlaceholdersForSecureEntries()
    {
        var original = Run($$"""
            name: pension by phone
            caller: "13012345273"
            lookups:
              auth.verify_pin: ok
              pension.summary: { outcome: ok, outputs: { monthly_amount: "3256.50", paid_on: "2026-11-15" }, delay: 800ms }
            steps:
              - expect: [welcome, main_menu]
              - press: "1"
              - expect: enter_id
              - press: "{{Id}}"
                gap: 250ms
              - expect: enter_pin
              - press: "135790"
              - expect: your_pension_is
              - expect_say: { as: amount, value: "3256.50" }
              - expect: paid_on_date
              - expect_say: { as: date, value: "2026-11-15" }
              - expect: anything_else
              - press: "2"
              - expect: goodbye
              - expect_hangup: completed
            """);
        Assert.True(original.Passed, original.Failure);

        var summary = new CallSummary("c-1", "130*****273", "12333", original.Script.At, original.Script.At + original.CallLength, original.Disposition, _set.Version, []);
        var script = CallScriptWriter.Write(summary, original.Events);

        Assert.DoesNotContain(Id, script);
        Assert.DoesNotContain("135790", script);
        Assert.DoesNotContain("13012345273", script);
        Assert.Contains("{authentication_get_id}", script);
        Assert.Contains("{authentication_get_pin}", script);

        File.WriteAllText(Path.Combine(_files.Root, "test-data.yaml"), $"authentication_get_id: \"{Id}\"\nauthentication_get_pin: \"135790\"\n");
        var replayed = Run(script, "recorded.yaml");

        Assert.True(replayed.Passed, replayed.Failure + "\n" + script);
        Assert.Equal(Kinds(original.Events), Kinds(replayed.Events));
    }

    [Fact]
    public void Run_WrongExpectation_ReportsTheFirstDivergenceWithNodeAndLine()
    {
        var result = Run("""
            steps:
              - expect: welcome
              - expect: goodbye
            """);

        Assert.False(result.Passed);
        Assert.Contains(":3: step 2 (expect goodbye): expected prompt goodbye, heard main_menu", result.Failure);
        Assert.Contains("in main.main_menu", result.Failure);
    }

    [Fact]
    public void Run_MissingNode_FailsAtOnceWithAClearMessage()
    {
        var result = Run("""
            steps:
              - expect_node: main.no_such_node
            """);

        Assert.Contains("there is no node 'main.no_such_node'", result.Failure);
    }

    private ReplayResult Run(string yaml, string name = "script.yaml")
    {
        var path = Path.Combine(_files.Root, name);
        File.WriteAllText(path, yaml);
        return new ReplayRunner(_set).Run(ReplayScriptReader.Read(path));
    }

    private static List<string> Kinds(IReadOnlyList<CallEvent> events) =>
        [.. events.Where(e => e.Kind is CallEventKind.NodeEntered or CallEventKind.PromptPlayed or CallEventKind.DigitsReceived).Select(e => $"{e.Kind} {e.Node} {e.Detail}")];

    public void Dispose() => _files.Dispose();
}
