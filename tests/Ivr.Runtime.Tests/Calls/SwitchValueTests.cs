using Ivr.Core.Calls;
using Ivr.Runtime.Replay;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Calls;

/// <summary>Editor switches: a call starts with the editors' value (else the flow's), keeps it to its end; replay scripts set them.</summary>
public sealed class SwitchValueTests
{
    private const string Flow = """
        flow: main
        start: check
        variables: { announcement_on: "false" }
        switches: { announcement_on: { instant: true } }
        nodes:
          check:
            kind: branch
            cases:
              - when: announcement_on == "true"
                then: announce
            else: bye
          announce: { kind: play, prompts: welcome, next: again }
          again:
            kind: branch
            cases:
              - when: announcement_on == "true"
                then: bye
            else: bye_other
          bye: { kind: hangup, prompt: goodbye }
          bye_other: { kind: hangup, prompt: reprompt }
        """;

    private sealed class Board : ISwitchValues
    {
        public Dictionary<string, string> Values { get; } = [];

        public IReadOnlyDictionary<string, string> Current => Values;
    }

    [Fact]
    public void NewCalls_HaveTheValueFlippedBeforeTheyStart_ARunningCallKeepsItsOwn()
    {
        var set = FlowFixture.Load(Flow);
        var board = new Board();
        var off = new CallHarness(set, switches: board).Start();
        off.RunToEnd();
        Assert.Equal(["goodbye"], off.Heard);

        board.Values["announcement_on"] = "true";
        var on = new CallHarness(set, switches: board).Start();
        Assert.Equal("true", on.Call.Variables.Get("announcement_on"));
        board.Values["announcement_on"] = "false"; // flipped back while the call plays the announcement
        on.RunToEnd();
        Assert.Equal(["welcome", "goodbye"], on.Heard);

        board.Values["announcement_on"] = "maybe"; // not a switch value: the flow's own
        var odd = new CallHarness(set, switches: board).Start();
        odd.RunToEnd();
        Assert.Equal(["goodbye"], odd.Heard);
    }

    [Fact]
    public void ReplayScript_SetsASwitch_UnknownSwitchFails_BadValueRefused()
    {
        using var folder = new TempFolder();
        var set = FlowFixture.Load(Flow);
        string Script(string name, string text)
        {
            var path = Path.Combine(folder.Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        var on = new ReplayRunner(set).Run(ReplayScriptReader.Read(Script("on.yaml", "switches: { announcement_on: \"true\" }\nsteps:\n  - expect: welcome\n  - expect: goodbye\n")));
        Assert.True(on.Passed, on.Failure);
        var unknown = new ReplayRunner(set).Run(ReplayScriptReader.Read(Script("unknown.yaml", "switches: { holiday_on: \"true\" }\nsteps:\n  - expect: goodbye\n")));
        Assert.Contains("no flow declares switch 'holiday_on'", unknown.Failure);
        var bad = Assert.Throws<ReplayScriptException>(() => ReplayScriptReader.Read(Script("bad.yaml", "switches: { announcement_on: yes }\nsteps: []\n")));
        Assert.Contains("switch 'announcement_on' is \"true\" or \"false\", not 'yes'", bad.Message);
    }
}
