using Ivr.Core.Calls;
using Ivr.Core.Lookups;
using Ivr.Runtime.Calls;
using Ivr.Runtime.Simulation;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Calls;

/// <summary>A handler that throws ends its call as an error, once; the exception never reaches the thread that posted.</summary>
public sealed class CallFaultTests
{
    private const string Flow = """
        flow: main
        start: leave_message
        nodes:
          leave_message:
            kind: record
            prompt: record_msg
            into: message
            next: bye
          bye:
            kind: hangup
            prompt: goodbye
        """;

    [Fact]
    public void Handler_Throws_CallEndsAsAnErrorOnceAndLaterInputsAreIgnored()
    {
        var clock = new VirtualClock(CallHarness.Monday10);
        var line = new SimulatedChannel(clock);
        var channel = new FailingRecordingChannel(line);
        var recorder = new MemoryCallRecorder();
        var set = FlowFixture.Load(Flow);
        var call = new CallSession(new CallIdentity("faulty", CallHarness.CallerNumber, "12333"), set, set.FlowFor("12333")!,
            new CallServices(clock, UnknownOperationLookupService.Instance, recorder), channel);
        line.Call = call;
        var ended = 0;
        call.Ended += _ => ended++;
        call.Start();

        var escaped = Record.Exception(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(5)); // the instructions end: the handler asks the channel to record, which throws
            call.Digit('1');
            call.HungUp("caller");
        });

        Assert.Null(escaped);
        Assert.True(call.HasEnded);
        Assert.Equal("error", call.Disposition);
        Assert.Equal("error", channel.HungUpWith);
        Assert.Equal(1, ended);
        var end = Assert.Single(recorder.Events, e => e.Kind == CallEventKind.CallEnded);
        Assert.Equal(("main.leave_message", "error", "internal error: InvalidOperationException"), (end.Node, end.Outcome, end.Detail));
        Assert.Same(end, recorder.Events[^1]); // nothing handled after the fault
        Assert.Equal("error", recorder.Disposition);
    }
}
