using Ivr.Core.Calls;
using Ivr.Runtime.Replay;

namespace Ivr.Runtime.Tests.Replay;

public sealed class ReplayRunnerTests : IDisposable
{
    public const string PensionOk = """
        name: pension ok
        lookups:
          pension.summary:
            outcome: ok
            delay: 3s
            outputs:
              amount: "3256.50"
        steps:
          - expect: welcome
          - expect: menu_main
          - press: "9"
          - expect: [invalid, menu_main]
          - press: "1"
          - expect: enter_id
          - press: "{id_number}"
          - expect_node: main.find
          - expect: wait
          - expect_variable:
              pension_amount: "3256.50"
              id_number: "{id_number}"
          - expect: balance_is
          - expect_say: { as: amount, value: "3256.50" }
          - expect: goodbye
          - expect_hangup: completed
        """;

    private readonly ReplayFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private ReplayResult Run(string name, string yaml) =>
        new ReplayRunner(_fixture.Set).Run(ReplayScriptReader.Read(_fixture.Script(name, yaml)));

    [Fact]
    public void Run_CorrectScript_Passes()
    {
        var result = Run("ok.yaml", PensionOk);

        Assert.True(result.Passed, result.Failure);
        Assert.Equal("completed", result.Disposition);
        Assert.Contains(result.Events, e => e is { Kind: CallEventKind.LookupCompleted, Outcome: "ok" });
        Assert.DoesNotContain(result.Events, e => (e.Detail ?? "").Contains(ReplayFixture.Id[..17]));
    }

    [Fact]
    public void Run_WrongPrompt_FailsNamingExpectedHeardNodeAndLine()
    {
        var path = _fixture.Script("wrong.yaml", PensionOk.Replace("  - expect: wait\n", "  - expect: not_found\n"));

        var result = new ReplayRunner(_fixture.Set).Run(ReplayScriptReader.Read(path));

        Assert.False(result.Passed);
        Assert.StartsWith($"{path}:17: step 9 (expect not_found): expected prompt not_found, heard wait", result.Failure);
        Assert.Contains("in main.find", result.Failure);
    }

    [Fact]
    public void Run_WrongHangup_SaysHowTheCallEnded()
    {
        var result = Run("hangup.yaml", PensionOk.Replace("expect_hangup: completed", "expect_hangup: transferred"));

        Assert.False(result.Passed);
        Assert.Contains("expected the call to end transferred, it ended completed", result.Failure);
    }

    [Fact]
    public void Run_WrongVariable_NeverShowsASecureValue()
    {
        var result = Run("variable.yaml", PensionOk.Replace("id_number: \"{id_number}\"", "id_number: \"110101195803120000\""));

        Assert.False(result.Passed);
        Assert.Contains("expected variable id_number = (secure value), found (secure value)", result.Failure);
        Assert.DoesNotContain(ReplayFixture.Id, result.Failure);
    }

    [Fact]
    public void Run_UnknownPlaceholder_FailsAtThatStep()
    {
        var path = _fixture.Script("placeholder.yaml", "steps:\n  - expect: welcome\n  - press: \"{card_number}\"\n");

        var result = new ReplayRunner(_fixture.Set).Run(ReplayScriptReader.Read(path));

        Assert.False(result.Passed);
        Assert.StartsWith($"{path}:3: step 2 (press {{card_number}}): placeholder {{card_number}} is not in the test-data file", result.Failure);
    }

    [Fact]
    public void Run_NoFlowForTheDialledNumber_Fails()
    {
        var set = _fixture.Set;
        var noCatchAll = new Flows.Model.FlowSet { Version = set.Version, Flows = set.Flows, Prompts = set.Prompts, Routes = new Dictionary<string, string> { ["12333"] = "main" } };
        var path = _fixture.Script("dialled.yaml", "dialled: \"95588\"\nsteps:\n  - expect: welcome\n");

        var result = new ReplayRunner(noCatchAll).Run(ReplayScriptReader.Read(path));

        Assert.Contains("no flow answers dialled number '95588'", result.Failure);
    }

    [Fact]
    public void Run_StubSequence_AnswersSuccessiveLookupsInOrder()
    {
        var result = Run("sequence.yaml", """
            lookups:
              pension.summary:
                - not_found
                - outcome: ok
                  outputs:
                    amount: "100"
            steps:
              - press: "1"
              - press: "{id_number}"
              - expect: [welcome, menu_main, enter_id, not_found, enter_id]
              - press: "{id_number}"
              - expect: balance_is
              - expect_say: { as: amount, value: "100" }
              - expect_hangup: completed
            """);

        Assert.True(result.Passed, result.Failure);
        Assert.Equal(["not_found", "ok"], result.Events.Where(e => e.Kind == CallEventKind.LookupCompleted).Select(e => e.Outcome));
    }

    [Fact]
    public void Run_StubSlowerThanTheTimeLimit_TakesTheErrorBranch()
    {
        var result = Run("slow.yaml", """
            lookups:
              pension.summary: { outcome: ok, delay: 8s }
            steps:
              - press: "1"
              - press: "{id_number}"
              - expect: [welcome, menu_main, enter_id, wait, lookup_error]
              - expect_hangup: completed
            """);

        Assert.True(result.Passed, result.Failure);
        Assert.Contains(result.Events, e => e is { Kind: CallEventKind.LookupCompleted, Outcome: "timeout" });
    }

    [Fact]
    public void Run_BusyAgents_ExpectTransferThenFailure()
    {
        var result = Run("agents.yaml", """
            agents:
              pension: busy
            steps:
              - press: "2"
              - expect_transfer: pension
              - expect: [welcome, menu_main, transfer_msg, sorry]
              - expect_variable:
                  transfer_failure: busy
              - expect_hangup: completed
            """);

        Assert.True(result.Passed, result.Failure);
    }

    [Fact]
    public void Run_RecordStep_SpeaksIntoTheRecording()
    {
        var result = Run("record.yaml", """
            steps:
              - press: "3"
              - expect_recording:
              - record: { length: 4s, end: silence }
              - expect: [welcome, menu_main, record_msg, beep, goodbye]
              - expect_variable:
                  recording: rec-1.wav
              - expect_hangup: completed
            """);

        Assert.True(result.Passed, result.Failure);
    }

    [Fact]
    public void Run_HangupStep_EndsTheCallAbandoned()
    {
        var result = Run("hangup.yaml", """
            steps:
              - expect: welcome
              - wait: 1500ms
              - hangup:
              - expect_hangup: abandoned
            """);

        Assert.True(result.Passed, result.Failure);
        Assert.Equal(TimeSpan.FromSeconds(1.5), result.CallLength);
    }

    [Fact]
    public void Run_XInAnIdNumber_PressedAsStar()
    {
        var id = Support.ResidentIds.Valid("19580312", check: 'X');
        _fixture.Folder.Write("x-data.yaml", $"id_number: \"{id}\"\n");

        var result = Run("x.yaml", """
            data: x-data.yaml
            lookups:
              pension.summary: not_found
            steps:
              - press: "1"
              - press: "{id_number}"
              - expect: [welcome, menu_main, enter_id, not_found]
              - expect_variable:
                  id_number: "{id_number}"
            """);

        Assert.True(result.Passed, result.Failure);
    }

    [Theory]
    [InlineData("  - expect: welcom\n", "prompt 'welcom' is not in the prompt catalog")]
    [InlineData("  - expect_node: find\n", "there is no node 'find' in the flows (write it as flow.node)")]
    [InlineData("  - expect_transfer: pensions\n", "no transfer node of the flows uses queue 'pensions'")]
    public void Run_NameThatCannotExist_FailsAtOnce(string step, string message)
    {
        var result = Run("typo.yaml", "steps:\n" + step);

        Assert.False(result.Passed);
        Assert.Contains(message, result.Failure);
        Assert.True(result.CallLength < TimeSpan.FromSeconds(1), $"waited {result.CallLength} for something that cannot happen");
    }

    [Fact]
    public void Run_PressNotAKey_Fails()
    {
        var result = Run("key.yaml", "steps:\n  - press: \"1a\"\n");

        Assert.Contains("step 1 (press 1a): 'a' is not a key of a phone keypad", result.Failure);
    }

    [Fact]
    public void Run_NodeNeverReached_FailsNamingIt()
    {
        var result = Run("node.yaml", "steps:\n  - press: \"2\"\n  - expect_node: main.ask_id\n");

        Assert.Contains("expected to reach node main.ask_id", result.Failure);
    }

    [Fact]
    public void Run_ScriptVariables_OverrideTheFlowsInitialValues()
    {
        var on = Run("on.yaml", "variables:\n  announcement: \"on\"\nsteps:\n  - expect: welcome\n  - expect_variable:\n      announcement: \"on\"\n");
        var off = Run("off.yaml", "steps:\n  - expect: welcome\n  - expect_variable:\n      announcement: \"off\"\n");

        Assert.True(on.Passed, on.Failure);
        Assert.True(off.Passed, off.Failure);
    }

    [Fact]
    public void Run_Backend_AnswersWhatTheScriptDoesNotStub()
    {
        var backend = new Support.ScriptedLookupService
        {
            Answer = Core.Lookups.LookupResult.Success(new Dictionary<string, string> { ["amount"] = "88" }),
        };
        var runner = new ReplayRunner(_fixture.Set, _ => backend);

        var result = runner.Run(ReplayScriptReader.Read(_fixture.Script("backend.yaml", """
            steps:
              - press: "1"
              - press: "{id_number}"
              - expect: [welcome, menu_main, enter_id, balance_is]
              - expect_say: { as: amount, value: "88" }
            """)));

        Assert.True(result.Passed, result.Failure);
        Assert.Equal(ReplayFixture.Id, Assert.Single(backend.Calls).Inputs["id"]);
    }

    [Fact]
    public void Run_PressAfterTheCallEnded_Fails()
    {
        var result = Run("late.yaml", "steps:\n  - hangup:\n  - press: \"1\"\n");

        Assert.Contains("cannot press: the call has ended (abandoned)", result.Failure);
    }
}
