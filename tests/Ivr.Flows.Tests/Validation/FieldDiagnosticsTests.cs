using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Validation;

public class FieldDiagnosticsTests
{
    [Fact]
    public void Load_MisspeltField_SuggestsClosest()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: hello
            nodes:
              hello: { kind: play, prompts: welcome, nxt: bye }
              bye: { kind: hangup }
            """);

        var problems = folder.Problems();

        Assert.Contains("flows/main.yaml:4:42: error: unknown field 'nxt' in play 'hello'; did you mean 'next'?", problems);
        Assert.Contains("flows/main.yaml:4:3: error: play 'hello' is missing the required field 'next'", problems);
    }

    [Fact]
    public void Load_UnknownFieldFarFromAny_ListsTheFields()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: bye
            nodes:
              bye: { kind: hangup, colour: blue }
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.Equal("flows/main.yaml:4:24: error: unknown field 'colour' in hangup 'bye'; the fields are: kind, prompt, linger, disposition", problem);
    }

    [Fact]
    public void Load_UnknownKind_SuggestsClosestAndListsKinds()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: hello
            nodes:
              hello: { kind: plya, prompts: welcome, next: bye }
              bye: { kind: hangup }
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.StartsWith("flows/main.yaml:4:18: error: unknown node kind 'plya'; did you mean 'play'? (kinds: play, menu, collect,", problem);
    }

    [Fact]
    public void Load_MissingKind_SaysWhatKindsExist()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: bye
            nodes:
              bye: { prompt: bye }
            """);

        Assert.Contains(folder.Problems(), p => p.StartsWith("flows/main.yaml:4:3: error: node 'bye' needs kind: one of play, menu", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingFlowFields_ReportsEachAtTheTop()
    {
        using var folder = new FlowFolder().Write("main.yaml", "description: nothing else\n");

        var problems = folder.Problems();

        Assert.Contains("flows/main.yaml:1:1: error: the flow is missing the required field 'flow'", problems);
        Assert.Contains("flows/main.yaml:1:1: error: the flow is missing the required field 'start'", problems);
        Assert.Contains("flows/main.yaml:1:1: error: the flow is missing the required field 'nodes'", problems);
    }

    [Fact]
    public void Load_WrongTypes_SayWhatIsExpected()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: hello
            nodes:
              hello: { kind: play, prompts: welcome, barge_in: maybe, next: [bye] }
              bye: { kind: hangup }
              count: { kind: set, values: [a, b], next: bye }
            """);

        var problems = folder.Problems().Where(p => p.Contains("error")).ToList();

        Assert.Contains("flows/main.yaml:4:52: error: play 'hello': 'barge_in' must be true or false, not 'maybe'", problems);
        Assert.Contains("flows/main.yaml:4:65: error: play 'hello': 'next' must name a node (node or flow.node), not a list", problems);
        Assert.Contains("flows/main.yaml:6:31: error: set 'count': 'values' must be a map of name: value pairs, not a list", problems);
    }

    [Theory]
    [InlineData("5 seconds")]
    [InlineData("-2s")]
    [InlineData("soon")]
    public void Load_BadDuration_ShowsHowToWriteOne(string written)
    {
        using var folder = new FlowFolder().Write("main.yaml", $"""
            flow: main
            start: bye
            nodes:
              bye: {"{"} kind: hangup, linger: {written} {"}"}
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.Equal($"flows/main.yaml:4:32: error: hangup 'bye': 'linger' is not a duration: '{written}'; write e.g. 5s, 500ms, 2m or 1h", problem);
    }

    [Fact]
    public void Load_NumberOutOfRange_GivesTheRange()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            nodes:
              ask: { kind: collect, prompt: enter_id, into: id, min_length: 0, max_length: 4, on_fail: bye, next: bye }
              bye: { kind: hangup }
            """);

        Assert.Contains("flows/main.yaml:4:65: error: collect 'ask': 'min_length' must be a whole number from 1 to 64, not '0'", folder.Problems());
    }

    [Fact]
    public void Load_HangupDispositionWithBadCharacters_IsAnError()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: bye
            nodes:
              bye: { kind: hangup, disposition: "Done OK!" }
            """);

        var problem = Assert.Single(folder.Problems());

        Assert.StartsWith("flows/main.yaml:4:37: error: hangup 'bye': disposition 'Done OK!' may only use lowercase letters a-z, digits and _", problem);
    }

    [Fact]
    public void Load_BadValidatorAndMask_NameTheChoices()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            nodes:
              ask:
                kind: collect
                prompt: enter_id
                into: id
                validate: [lunh, "length:x", "regex:(["]
                mask: phon
                on_fail: bye
                next: bye
              bye: { kind: hangup }
            """);

        var problems = folder.Problems();

        Assert.Contains("flows/main.yaml:8:16: error: collect 'ask': 'validate': unknown check 'lunh'; did you mean 'luhn'? (checks: cn-resident-id, luhn, cn-fax-number, clock-time, length:N|M, regex:PATTERN)", problems);
        Assert.Contains("flows/main.yaml:8:22: error: collect 'ask': 'validate': 'length:x' needs lengths after the colon, e.g. length:12|10", problems);
        Assert.Contains(problems, p => p.StartsWith("flows/main.yaml:8:34: error: collect 'ask': 'validate': 'regex:([' needs a valid regular expression", StringComparison.Ordinal));
        Assert.Contains("flows/main.yaml:9:11: error: collect 'ask': unknown mask 'phon'; did you mean 'phone'? (masks: secret, resident-id, phone, card)", problems);
    }

    [Fact]
    public void Load_MenuOrCollectWithoutOnFail_AsksForOneHereOrInDefaults()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            nodes:
              ask: { kind: menu, prompt: menu, options: { "1": bye } }
              bye: { kind: hangup }
            """);

        Assert.Contains("flows/main.yaml:4:3: error: menu 'ask' has nowhere to go when tries run out: add on_fail: to it or to the flow's defaults:", folder.Problems());
    }

    [Fact]
    public void Load_KeyFieldWithTwoCharacters_IsAnError()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            defaults: { on_fail: bye, back_key: "**" }
            nodes:
              ask: { kind: menu, prompt: menu, options: { "1": bye } }
              bye: { kind: hangup }
            """);

        Assert.Contains("flows/main.yaml:3:37: error: defaults: 'back_key' must be one key: 0-9, \"*\" or \"#\" (quoted), or null to turn it off; not '**'", folder.Problems());
    }
}
