using Ivr.Core.Calls;
using Ivr.Core.Lookups;
using Ivr.Flows.Model;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Calls;
using Ivr.Runtime.Simulation;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Calls;

public sealed class CallEndTests
{
    private const string Flow = """
        flow: main
        start: bye
        nodes:
          bye:
            kind: hangup
            prompt: goodbye
            disposition: self_served
        """;

    [Fact]
    public void End_RecordsTheStartAndTheEndWithTheRecorder()
    {
        var call = new CallHarness(FlowFixture.Load(Flow)).Start();

        call.RunToEnd();

        var start = call.Recorder.Start!;
        Assert.Equal(("test-call", CallHarness.CallerNumber, "12333", "main"), (start.CallId, start.Caller, start.Dialled, start.Flow));
        Assert.Equal(call.Call.Set.Version, start.FlowVersion);
        Assert.Equal("flow main caller 138*****678 dialled 12333", call.Events[0].Detail);
        Assert.Equal("self_served", call.Recorder.Disposition);
    }

    [Fact]
    public void Leave_TargetThatIsNotLinked_EndsTheCallAsDeadEnd()
    {
        var model = new ModelBuilder();
        model.Add(new PlayNode { Name = "lost", Flow = "main", Location = model.At(), Prompts = ModelBuilder.Prompts("welcome"), Next = new Target("nowhere", model.At()) });
        var call = new CallHarness(model.Build()).Start();

        call.RunToEnd();

        Assert.Equal("error", call.Call.Disposition);
        Assert.Equal("error", call.Channel.HungUpWith);
        Assert.Equal((CallEventKind.CallEnded, "dead_end", "no node after 'next'"), (call.Events[^1].Kind, call.Events[^1].Outcome, call.Events[^1].Detail));
    }

    [Fact]
    public void End_ChannelHangupFails_CallStillClosedAndNothingEscapes()
    {
        var clock = new VirtualClock(CallHarness.Monday10);
        var line = new SimulatedChannel(clock);
        var recorder = new MemoryCallRecorder();
        var set = FlowFixture.Load(Flow);
        var call = new CallSession(new CallIdentity("failing-bye", CallHarness.CallerNumber, "12333"), set, set.FlowFor("12333")!,
            new CallServices(clock, UnknownOperationLookupService.Instance, recorder), new FailingHangupChannel(line));
        line.Call = call;
        var ended = 0;
        call.Ended += _ => ended++;
        call.Start();

        var escaped = Record.Exception(() => clock.Advance(TimeSpan.FromSeconds(3)));

        Assert.Null(escaped);
        Assert.Equal("self_served", recorder.Disposition);
        Assert.Equal(1, ended);
    }
}
