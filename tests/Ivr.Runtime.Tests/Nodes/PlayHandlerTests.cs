using Ivr.Core.Calls;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

public sealed class PlayHandlerTests
{
    [Fact]
    public void Play_NoKey_PlaysTheWholePromptThenMovesOn()
    {
        var call = new CallHarness(FlowFixture.Load(MenuFlows.Flow("welcome"))).Start();

        call.Advance(0.999);
        Assert.Equal("main.welcome", call.Call.Current?.Id);
        call.Advance(0.001);

        Assert.Equal("main.main_menu", call.Call.Current?.Id);
        Assert.Equal(["welcome", "menu_main"], call.Heard);
        Assert.Empty(call.EventsOf(CallEventKind.PlaybackInterrupted));
    }

    [Fact]
    public void Play_BargeIn_KeyStopsThePromptAndIsKeptForTheNextMenu()
    {
        var call = new CallHarness(FlowFixture.Load(MenuFlows.Flow("welcome"))).Start();
        call.Advance(0.5);

        call.Channel.Press('2');

        Assert.Equal(["main.welcome", "main.main_menu", "main.two"], call.Entered);
        Assert.Equal(["welcome", "menu_main", "two"], call.Heard);
        Assert.Equal(["main.welcome", "main.main_menu"], call.EventsOf(CallEventKind.PlaybackInterrupted).Select(e => e.Node));
        var chosen = Assert.Single(call.EventsOf(CallEventKind.DigitsReceived));
        Assert.Equal(("main.main_menu", "2"), (chosen.Node, chosen.Detail));
        Assert.Equal(CallHarness.Monday10.AddSeconds(0.5), chosen.At); // at once: no prompt, no timeout in between
    }

    [Fact]
    public void Play_WithoutBargeIn_KeyIsDiscarded()
    {
        var call = new CallHarness(FlowFixture.Load(MenuFlows.Flow("quiet"))).Start();
        call.Advance(0.5);

        call.Channel.Press('2');
        call.Advance(0.5 + 1 + 5); // the rest of the prompt, the menu prompt, the first-digit timeout

        Assert.Equal(["main.quiet", "main.main_menu"], call.Entered);
        Assert.Equal(["thanks", "menu_main", "no_input"], call.Heard);
        Assert.Empty(call.EventsOf(CallEventKind.PlaybackInterrupted));
        Assert.Empty(call.EventsOf(CallEventKind.DigitsReceived));
        Assert.Equal("no_input", Assert.Single(call.EventsOf(CallEventKind.InputRejected)).Outcome);
    }

    [Fact]
    public void Play_BargeInWithAKeyAlreadyKept_IsSkipped()
    {
        var model = new ModelBuilder();
        model.Play("welcome", "announce", "welcome");
        model.Play("announce", "main_menu", "menu_sub");
        model.Menu("main_menu", "menu_main", "bye", ("1", "sub"));
        model.Menu("sub", "menu_sub", "bye", ("1", "one"));
        model.Hangup("one", "one");
        model.Hangup("bye");
        var call = new CallHarness(model.Build()).Start();
        call.Advance(0.5);

        call.Channel.Press('1'); // the caller knows the menu: 1 at once

        Assert.Equal("main.sub", call.Call.Current?.Id);
    }
}
