using Ivr.Core.Speech;
using Ivr.Runtime.Replay;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Replay;

public sealed class ReplayScriptReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string yaml, string name = "script.yaml") => _folder.Write(name, yaml);

    private ReplayScriptException Fails(string yaml)
    {
        var path = Write(yaml);
        return Assert.Throws<ReplayScriptException>(() => ReplayScriptReader.Read(path));
    }

    [Fact]
    public void Read_EveryStepKind_ParsedWithItsLine()
    {
        _folder.Write("ids.yaml", "id_number: \"11010519491231002X\"\n");
        var path = Write("""
            name: every step
            caller: "13900000000"
            dialled: "12345"
            at: 2026-10-01T09:30:00+08:00
            data: ids.yaml
            lookups:
              person.find: not_found
              pension.summary:
                outcome: ok
                delay: 3s
                outputs:
                  amount: "3256.50"
              card.status: [error, ok]
            agents:
              pension: busy
            steps:
              - expect: welcome
              - expect: [menu_main, reprompt]
              - expect_say: { as: amount, value: "3256.50" }
              - press: "1"
                after: 2s
                gap: 50ms
              - wait: 6s
              - expect_node: main.menu
              - expect_variable:
                  pension_amount: "3256.50"
              - expect_transfer: pension
              - expect_recording:
              - record: { length: 10s, end: silence }
              - hangup:
              - expect_hangup: completed
              - expect_hangup:
            """);

        var script = ReplayScriptReader.Read(path);

        Assert.Equal(("every step", "13900000000", "12345"), (script.Name, script.Caller, script.Dialled));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 9, 30, 0, TimeSpan.FromHours(8)), script.At);
        Assert.Equal("11010519491231002X", script.Data["id_number"]);
        Assert.Equal("busy", script.Agents["pension"]);
        Assert.Equal("not_found", Assert.Single(script.Lookups["person.find"]).Outcome);
        var pension = Assert.Single(script.Lookups["pension.summary"]);
        Assert.Equal(("ok", TimeSpan.FromSeconds(3), "3256.50"), (pension.Outcome, pension.Delay, pension.Outputs["amount"]));
        Assert.Equal(["error", "ok"], script.Lookups["card.status"].Select(s => s.Outcome));

        var steps = script.Steps;
        Assert.Equal(
            [
                ReplayStepKind.Expect, ReplayStepKind.Expect, ReplayStepKind.ExpectSay, ReplayStepKind.Press, ReplayStepKind.Wait,
                ReplayStepKind.ExpectNode, ReplayStepKind.ExpectVariable, ReplayStepKind.ExpectTransfer, ReplayStepKind.ExpectRecording,
                ReplayStepKind.Record, ReplayStepKind.Hangup, ReplayStepKind.ExpectHangup, ReplayStepKind.ExpectHangup,
            ],
            steps.Select(s => s.Kind));
        Assert.Equal([17, 18, 19, 20, 23, 24, 25, 27, 28, 29, 30, 31, 32], steps.Select(s => s.Line));
        Assert.Equal(["menu_main", "reprompt"], steps[1].Values);
        Assert.Equal((SayAsKind.Amount, "3256.50"), (steps[2].SayAs, steps[2].Values[0]));
        Assert.Equal(("1", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50)), (steps[3].Values[0], steps[3].After, steps[3].Gap));
        Assert.Equal(TimeSpan.FromSeconds(6), steps[4].After);
        Assert.Equal("main.menu", steps[5].Values[0]);
        Assert.Equal(KeyValuePair.Create("pension_amount", "3256.50"), Assert.Single(steps[6].Variables));
        Assert.Equal("pension", steps[7].Values[0]);
        Assert.Equal((TimeSpan.FromSeconds(10), "silence"), (steps[9].After, steps[9].EndedBy));
        Assert.Equal(["completed"], steps[11].Values);
        Assert.Empty(steps[12].Values);
    }

    [Fact]
    public void Read_ATagThatIsNoUri_IsAScriptError_NotAnArgumentError() // YamlDotNet throws ArgumentException for it
        => Assert.Contains("a tag (a word starting with '!') must be a valid URI", Fails("steps:\n  - press: !!!!!!+!!.\n").Message);

    [Fact]
    public void Read_Defaults_WhenTheHeaderIsLeftOut()
    {
        var path = Write("steps:\n  - press: \"1\"\n");

        var script = ReplayScriptReader.Read(path);

        Assert.Equal(("script", "13000000000", "12333"), (script.Name, script.Caller, script.Dialled));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)), script.At);
        Assert.Null(script.Steps[0].After); // press when the prompt has finished
        Assert.Equal(TimeSpan.FromMilliseconds(200), script.Steps[0].Gap);
    }

    [Fact]
    public void Read_TestDataBesideTheScript_FoundWithoutDataField()
    {
        _folder.Write("test-data.yaml", "pin: \"975310\"\n");
        var path = _folder.Write("calls/deep/script.yaml", "steps:\n  - press: \"{pin}\"\n");

        Assert.Equal("975310", ReplayScriptReader.Read(path).Data["pin"]);
    }

    [Fact]
    public void Read_UnknownStep_ReportsPathLineAndColumn()
    {
        var error = Fails("steps:\n  - expect: welcome\n  - expext: menu_main\n");

        Assert.StartsWith($"{_folder.File("script.yaml")}:3:5: error: unknown step 'expext'", error.Message);
    }

    [Fact]
    public void Read_BadWaitDuration_ReportsWhere()
    {
        var error = Fails("steps:\n  - wait: soon\n");

        Assert.StartsWith($"{_folder.File("script.yaml")}:2:11: error: 'soon' is not a duration", error.Message);
    }

    [Fact]
    public void Read_BadPressAfter_ReportsWhere()
    {
        var error = Fails("steps:\n  - press: \"1\"\n    after: 2 seconds\n");

        Assert.StartsWith($"{_folder.File("script.yaml")}:3:12: error: '2 seconds' is not a duration", error.Message);
    }

    [Fact]
    public void Read_BadStubDelay_ReportsWhere()
    {
        var error = Fails("lookups:\n  op:\n    delay: later\nsteps: []\n");

        Assert.Contains(":3:5: error: 'later' is not a duration", error.Message);
    }

    [Fact]
    public void Read_MissingSteps_SaysSo()
    {
        var error = Fails("name: nothing to do\n");

        Assert.StartsWith($"{_folder.File("script.yaml")}:1:1: error: missing 'steps:'", error.Message);
    }

    [Fact]
    public void Read_UnknownTopField_NamesTheFields()
    {
        var error = Fails("steps: []\nstpes: []\n");

        Assert.StartsWith($"{_folder.File("script.yaml")}:2:1: error: unknown field 'stpes'", error.Message);
    }

    [Fact]
    public void Read_BadStartTime_ReportsWhere() =>
        Assert.Contains(":1:5: error: 'tomorrow' is not a date and time", Fails("at: tomorrow\nsteps: []\n").Message);

    [Fact]
    public void Read_ExpectSayWithUnknownKind_ListsTheKinds() =>
        Assert.Contains("'money' is not one of number, amount", Fails("steps:\n  - expect_say: { as: money, value: \"1\" }\n").Message);

    [Fact]
    public void Read_RecordWithoutLength_SaysSo() =>
        Assert.Contains(":2:13: error: record needs 'length:'", Fails("steps:\n  - record: { end: key }\n").Message);

    [Fact]
    public void Read_StepNotAMapping_SaysSo() =>
        Assert.Contains(":2:5: error: a step is a mapping", Fails("steps:\n  - welcome\n").Message);

    [Fact]
    public void Read_YamlSyntaxError_ReportsWhere()
    {
        var error = Fails("steps:\n  - expect: [welcome\n");

        Assert.StartsWith($"{_folder.File("script.yaml")}:", error.Message);
        Assert.Contains(": error: ", error.Message);
    }

    [Fact]
    public void Read_MissingDataFile_SaysSo() =>
        Assert.Contains("test-data file 'nowhere.yaml' not found", Fails("data: nowhere.yaml\nsteps: []\n").Message);

    [Fact]
    public void Read_StubThatIsAList_ReportsWhere() =>
        Assert.Contains(":2:8: error:", Fails("lookups:\n  op: [[ok, error]]\nsteps: []\n").Message);

    [Fact]
    public void Read_BrokenTestDataFile_ReportsWhere()
    {
        _folder.Write("broken.yaml", "id_number: [unclosed\n");

        Assert.Contains("broken.yaml", Fails("data: broken.yaml\nsteps: []\n").Message);
    }
}
