using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Validation;

public class MenuKeyDiagnosticsTests
{
    [Fact]
    public void Load_KeyThatStartsAnother_IsAmbiguous()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            defaults: { on_fail: bye }
            nodes:
              ask:
                kind: menu
                prompt: menu
                options:
                  "1": bye
                  "12": bye
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:10:7: error: menu 'ask': keys '1' and '12' are ambiguous — after 1 the menu cannot know whether 12 is coming; make keys the same length (e.g. 1 and 2, or 11 and 12)"],
            folder.Problems());
    }

    [Fact]
    public void Load_KeyThatIsTheBackKey_IsAnError()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            defaults: { on_fail: bye }
            nodes:
              ask: { kind: menu, prompt: menu, options: { "*": bye, "9": bye } }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:5:47: error: menu 'ask': key '*' starts with '*', which is the back_key (from the node or the flow's defaults); choose another key, or set back_key: null on this menu"],
            folder.Problems());
    }

    [Fact]
    public void Load_KeyThatIsNotAPhoneKey_IsAnError()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            defaults: { on_fail: bye }
            nodes:
              ask: { kind: menu, prompt: menu, options: { "1": bye, a: bye } }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:5:57: error: menu 'ask': option key 'a' must be phone keys only: digits 0-9, \"*\" or \"#\" (quote * and #)"],
            folder.Problems());
    }

    [Fact]
    public void Load_BackKeyTurnedOff_AllowsStarAsOption()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: ask
            defaults: { on_fail: bye, back_key: null }
            nodes:
              ask: { kind: menu, prompt: menu, options: { "*": bye } }
              bye: { kind: hangup }
            """);

        Assert.Empty(folder.Problems());
    }
}
