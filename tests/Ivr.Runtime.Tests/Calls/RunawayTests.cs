using Ivr.Core.Calls;
using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Calls;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Calls;

public sealed class RunawayTests
{
    private static string CountedLoop(int limit) => $$"""
        flow: main
        start: count
        variables:
          n: "0"
        nodes:
          count:
            kind: set
            values:
              n: n + 1
            next: check
          check:
            kind: branch
            cases:
              - when: n >= {{limit}}
                then: bye
            else: count
          bye:
            kind: hangup
            prompt: goodbye
        """;

    private static void AssertStoppedAsRunaway(CallHarness call, IReadOnlyList<CallEvent> events)
    {
        Assert.True(call.Call.HasEnded);
        Assert.Equal("error", call.Call.Disposition);
        Assert.Equal("error", call.Channel.HungUpWith);
        var ended = events[^1];
        Assert.Equal((CallEventKind.CallEnded, "runaway"), (ended.Kind, ended.Outcome));
        Assert.Equal(CallSession.RunawayLimit, events.Count(e => e.Kind == CallEventKind.NodeEntered));
    }

    [Fact]
    public void Start_GotoLoop_StoppedAfterTheRunawayLimit()
    {
        // goto a → goto b → goto a: the loader refuses such a loop, so it is built directly.
        var model = new ModelBuilder();
        model.Goto("a", "b");
        model.Goto("b", "a");
        var call = new CallHarness(model.Build());

        call.Start();

        AssertStoppedAsRunaway(call, call.Events);
    }

    [Fact]
    public void Start_CountedLoopLongerThanTheLimit_StoppedAfterTheRunawayLimit()
    {
        var call = new CallHarness(FlowFixture.Load(CountedLoop(5000)));

        call.Start();

        AssertStoppedAsRunaway(call, call.Events);
        Assert.Equal((CallSession.RunawayLimit / 2).ToString(), call.Call.Variables.Get("n"));
    }

    [Fact]
    public void Start_CountedLoopWithinTheLimit_RunsToItsEnd()
    {
        var call = new CallHarness(FlowFixture.Load(CountedLoop(400))).Start();

        call.RunToEnd();

        Assert.Equal("completed", call.Call.Disposition);
        Assert.Equal("400", call.Call.Variables.Get("n"));
    }

    [Fact]
    public void Start_LoopWaitingForTheCaller_IsNotARunaway()
    {
        var model = new ModelBuilder();
        model.Menu("menu", "menu_main", "menu", ("1", "again"));
        model.Goto("again", "menu");
        var call = new CallHarness(model.Build()).Start();

        for (var i = 0; i < CallSession.RunawayLimit + 10; i++) call.Channel.Press('1');

        Assert.False(call.Call.HasEnded);
    }

    [Fact]
    public void Start_LoopThroughAnEmptyPlay_StoppedAfterTheRunawayLimit()
    {
        var model = new ModelBuilder();
        model.Add(new PlayNode { Name = "silence", Flow = "main", Location = model.At(), Prompts = PromptList.Empty, Next = model.To("again") });
        model.Goto("again", "silence");
        var recorder = new TrippingRecorder(tripAt: 20 * CallSession.RunawayLimit);
        var call = new CallHarness(model.Build(), recorder: recorder);

        call.Start();

        Assert.False(recorder.Tripped, "the call was never stopped; the test's safety net ended it");
        AssertStoppedAsRunaway(call, recorder.Inner.Events);
    }
}
