using Ivr.Core.Calls;
using Ivr.Core.Lookups;
using Ivr.Runtime.Calls;
using Ivr.Runtime.Simulation;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Calls;

public sealed class CallSessionTimerTests
{
    private const string Flow = """
        flow: main
        start: menu
        defaults:
          no_input: no_input
          on_fail: bye
          timeout: 5s
        nodes:
          menu:
            kind: menu
            prompt: menu_main
            options:
              "1": bye
          bye:
            kind: hangup
            prompt: goodbye
        """;

    [Fact]
    public void Timer_WallClockSetBack_NoInputTimeoutStillHappens()
    {
        var clock = new VirtualClock(CallHarness.Monday10);
        var wall = new SteppedClock(clock);
        var line = new SimulatedChannel(clock);
        var recorder = new MemoryCallRecorder();
        var set = FlowFixture.Load(Flow);
        var call = new CallSession(new CallIdentity("ntp-step", CallHarness.CallerNumber, "12333"), set, set.FlowFor("12333")!,
            new CallServices(wall, UnknownOperationLookupService.Instance, recorder), line);
        line.Call = call;
        call.Start();
        clock.Advance(TimeSpan.FromSeconds(1)); // the menu prompt has played: waiting 5 s for a key

        wall.SetBack = TimeSpan.FromSeconds(2);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Contains(recorder.Events, e => e is { Kind: CallEventKind.InputRejected, Outcome: "no_input" });
    }
}
