using Ivr.Core.Calls;
using Ivr.Core.Lookups;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

public sealed class LookupThanksPromptTests
{
    private readonly ScriptedLookupService _backend = new();

    /// <summary>A lookup that says "please wait" after 1 s and thanks the caller when a slow answer comes.</summary>
    private CallHarness PoliteLookup()
    {
        var model = new ModelBuilder();
        model.Add(new LookupNode
        {
            Name = "find",
            Flow = "main",
            Location = model.At(),
            Operation = "pension.summary",
            Inputs = [],
            Outputs = [],
            TimeLimit = TimeSpan.FromSeconds(5),
            WaitPrompt = ModelBuilder.Prompts("wait"),
            WaitAfter = TimeSpan.FromSeconds(1),
            ThanksPrompt = ModelBuilder.Prompts("thanks"),
            On = [KeyValuePair.Create("ok", model.To("menu")), KeyValuePair.Create("error", model.To("bye"))],
        });
        model.Menu("menu", "menu_main", "bye", ("1", "bye"));
        model.Hangup("bye");
        _backend.Hold = true;
        return new CallHarness(model.Build(), _backend).Start();
    }

    [Fact]
    public void Lookup_SlowAnswerAfterTheWaitPrompt_ThanksTheCallerThenGoesOn()
    {
        var call = PoliteLookup();
        call.Advance(2.5);

        _backend.Complete(LookupResult.Of(LookupResult.Ok));
        Assert.Equal("main.find", call.Call.Current?.Id);
        call.Advance(1);

        Assert.Equal(["wait", "thanks", "menu_main"], call.Heard);
        Assert.Equal("main.menu", call.Call.Current?.Id);
    }

    [Fact]
    public void Lookup_FastAnswer_NoWaitNoThanks()
    {
        var call = PoliteLookup();
        call.Advance(0.5);

        _backend.Complete(LookupResult.Of(LookupResult.Ok));

        Assert.Equal(["menu_main"], call.Heard);
    }

    [Fact]
    public void Lookup_KeyDuringTheThanks_StopsItAndReachesTheMenu()
    {
        var call = PoliteLookup();
        call.Advance(2.5);
        _backend.Complete(LookupResult.Of(LookupResult.Ok));

        call.Channel.Press('1');

        Assert.Equal("main.bye", call.Call.Current?.Id);
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.PlaybackInterrupted, Node: "main.find" });
    }
}
