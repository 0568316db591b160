using Ivr.Core.Calls;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

public sealed class MenuHandlerTests
{
    /// <summary>A call waiting in main_menu, its prompt heard to the end.</summary>
    private static CallHarness InMainMenu()
    {
        var call = new CallHarness(FlowFixture.Load(MenuFlows.Flow("welcome"))).Start();
        call.Advance(2);
        Assert.Equal("main.main_menu", call.Call.Current?.Id);
        Assert.False(call.Channel.IsPlaying);
        return call;
    }

    private static IEnumerable<CallEvent> Rejections(CallHarness call) => call.EventsOf(CallEventKind.InputRejected);

    [Fact]
    public void Menu_SingleKey_SelectsTheOption()
    {
        var call = InMainMenu();

        call.Press("2");

        Assert.Equal("main.two", call.Call.Current?.Id);
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.NodeLeft, Node: "main.main_menu", Outcome: "2" });
        Assert.Equal("main_menu:2", call.Call.Variables.Get("call.path"));
    }

    [Fact]
    public void Menu_InvalidKey_PlaysInvalidThenTheReprompt()
    {
        var call = InMainMenu();

        call.Press("9");
        call.Advance(2);

        Assert.Equal("main.main_menu", call.Call.Current?.Id);
        Assert.Equal(["welcome", "menu_main", "invalid", "reprompt"], call.Heard);
        var rejected = Assert.Single(Rejections(call));
        Assert.Equal(("invalid", "9"), (rejected.Outcome, rejected.Detail));

        call.Press("2");
        Assert.Equal("main.two", call.Call.Current?.Id);
    }

    [Fact]
    public void Menu_NoKeyUntilTheFirstDigitTimeout_PlaysTheNoInputPrompt()
    {
        var call = InMainMenu();

        call.Advance(4.999);
        Assert.Empty(Rejections(call));
        call.Advance(0.001);

        var rejected = Assert.Single(Rejections(call));
        Assert.Equal("no_input", rejected.Outcome);
        Assert.Equal(CallHarness.Monday10.AddSeconds(7), rejected.At);
        Assert.Equal("no_input", call.Heard[^1]);
    }

    [Fact]
    public void Menu_MaxTries_TakesOnFail()
    {
        var call = InMainMenu();

        call.Press("9");
        call.Advance(2);
        call.Advance(5 + 1 + 1); // no input, its prompt, the reprompt
        call.Press("8");

        Assert.Equal("main.failed", call.Call.Current?.Id);
        Assert.Equal(["invalid", "no_input", "invalid"], Rejections(call).Select(e => e.Outcome));
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.NodeLeft, Node: "main.main_menu", Outcome: "failed" });
        call.RunToEnd();
        Assert.Equal("caller_failed", call.Call.Disposition);
    }

    [Fact]
    public void Menu_RepeatKey_ReplaysThePromptWithoutCountingATry()
    {
        var call = InMainMenu();

        call.Press("#");
        call.Advance(1);
        call.Press("#");
        call.Advance(1);

        Assert.Equal(["welcome", "menu_main", "menu_main", "menu_main"], call.Heard);
        Assert.Equal(["repeat", "repeat"], Rejections(call).Select(e => e.Outcome));

        call.Press("9");
        call.Advance(2);
        call.Press("9");
        call.Advance(2);
        Assert.Equal("main.main_menu", call.Call.Current?.Id); // two tries used of three
        call.Press("9");
        Assert.Equal("main.failed", call.Call.Current?.Id);
    }

    [Fact]
    public void Menu_BackKey_ReturnsToThePreviousMenu()
    {
        var call = InMainMenu();
        call.Press("1");
        call.FinishPrompt();
        Assert.Equal("main.sub_menu", call.Call.Current?.Id);

        call.Press("*");

        Assert.Equal("main.main_menu", call.Call.Current?.Id);
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.NodeLeft, Node: "main.sub_menu", Outcome: "back" });
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.DigitsReceived, Node: "main.sub_menu", Detail: "*" });
        Assert.Equal(["welcome", "menu_main", "menu_sub", "menu_main"], call.Heard);
    }

    [Fact]
    public void Menu_BackKeyInTheFirstMenu_PlaysItAgain()
    {
        var call = InMainMenu();

        call.Press("*");

        Assert.Equal(["main.welcome", "main.main_menu", "main.main_menu"], call.Entered);
        Assert.Empty(Rejections(call));
    }

    [Fact]
    public void Menu_KeyDuringTheInvalidPrompt_StartsTheNextTry()
    {
        var call = InMainMenu();
        call.Press("9");

        call.Press("2"); // while "invalid" still plays

        Assert.Equal("main.two", call.Call.Current?.Id);
    }

    // Keys of two digits beside a key of one (no key the start of another: the loader refuses 1 with 12).
    private static CallHarness TwoDigitMenu()
    {
        var model = new ModelBuilder();
        model.Menu("menu", "menu_main", "failed", ("11", "eleven"), ("12", "twelve"), ("2", "two"));
        model.Hangup("eleven", "one");
        model.Hangup("twelve", "twelve");
        model.Hangup("two", "two");
        model.Hangup("failed", "sorry");
        var call = new CallHarness(model.Build()).Start();
        call.FinishPrompt();
        return call;
    }

    [Fact]
    public void Menu_OneDigitKeyBesideLongerOnes_SelectedAtOnce()
    {
        var call = TwoDigitMenu();

        call.Channel.Press('2');

        Assert.Equal("main.two", call.Call.Current?.Id);
        Assert.Equal("2", Assert.Single(call.EventsOf(CallEventKind.DigitsReceived)).Detail);
    }

    [Fact]
    public void Menu_FirstDigitOfALongerKey_InvalidAfterTheInterDigitTimeout()
    {
        var call = TwoDigitMenu();

        call.Channel.Press('1');
        call.Advance(2.999);
        Assert.Equal("main.menu", call.Call.Current?.Id);
        Assert.Empty(Rejections(call));
        call.Advance(0.001);

        var rejected = Assert.Single(Rejections(call));
        Assert.Equal(("invalid", "1"), (rejected.Outcome, rejected.Detail));
        Assert.Equal("main.menu", call.Call.Current?.Id);
        Assert.Empty(call.EventsOf(CallEventKind.DigitsReceived));
    }

    [Fact]
    public void Menu_LongerKey_SelectedAtItsLastDigit()
    {
        var call = TwoDigitMenu();

        call.Channel.Press('1');
        call.Advance(1);
        call.Channel.Press('2');

        Assert.Equal("main.twelve", call.Call.Current?.Id);
        Assert.Equal("12", Assert.Single(call.EventsOf(CallEventKind.DigitsReceived)).Detail);
    }

    [Fact]
    public void Menu_PrefixFollowedByAWrongDigit_IsInvalid()
    {
        var call = TwoDigitMenu();

        call.Press("13");

        Assert.Equal("main.menu", call.Call.Current?.Id);
        var rejected = Assert.Single(Rejections(call));
        Assert.Equal(("invalid", "13"), (rejected.Outcome, rejected.Detail));
    }
}
