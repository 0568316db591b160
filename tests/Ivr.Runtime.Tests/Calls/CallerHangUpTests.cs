using Ivr.Core.Calls;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Calls;

public sealed class CallerHangUpTests
{
    private const string Flow = """
        flow: main
        start: welcome
        defaults:
          on_fail: bye
        nodes:
          welcome:
            kind: play
            prompts: welcome
            next: menu
          menu:
            kind: menu
            prompt: menu_main
            options:
              "1": ask
              "2": find
              "3": message
              "4": agent
          ask:
            kind: collect
            prompt: enter_pin
            into: pin
            next: bye
          find:
            kind: lookup
            operation: slow
            time_limit: 30s
            on:
              ok: bye
              error: bye
          message:
            kind: record
            prompt: record_msg
            into: recording
            next: bye
          agent:
            kind: transfer
            queue: pension
            on_failure: bye
          bye:
            kind: hangup
            prompt: goodbye
        """;

    [Theory]
    [InlineData(0.2, "", "welcome")]
    [InlineData(1.5, "", "menu")]
    [InlineData(1.5, "1", "ask")]
    [InlineData(1.5, "2", "find")]
    [InlineData(1.5, "3", "message")]
    [InlineData(1.5, "4", "agent")]
    public void HungUp_AtAnyNode_EndsAbandonedWithNodeLeftHangup(double at, string keys, string node)
    {
        var backend = new ScriptedLookupService { Hold = true };
        var call = new CallHarness(FlowFixture.Load(Flow), backend).Start();
        call.Advance(at);
        call.Press(keys);
        call.Advance(0.5);
        Assert.Equal($"main.{node}", call.Call.Current?.Id);

        call.Call.HungUp("caller");

        Assert.True(call.Call.HasEnded);
        Assert.Equal("abandoned", call.Call.Disposition);
        Assert.Equal("abandoned", call.Recorder.Disposition);
        Assert.Null(call.Channel.HungUpWith);
        var left = call.Events[^2];
        Assert.Equal((CallEventKind.NodeLeft, $"main.{node}", "hangup", "caller"), (left.Kind, left.Node, left.Outcome, left.Detail));
        Assert.Equal((CallEventKind.CallEnded, "abandoned"), (call.Events[^1].Kind, call.Events[^1].Outcome));
    }

    [Fact]
    public void HungUp_NothingHappensAfterwards()
    {
        var backend = new ScriptedLookupService { Hold = true };
        var call = new CallHarness(FlowFixture.Load(Flow), backend).Start();
        call.Advance(1.5);
        call.Press("2");

        call.Call.HungUp("caller");
        var events = call.Events.Count;
        call.Advance(60);
        call.Press("1");
        backend.Complete(Core.Lookups.LookupResult.Of("ok"));
        call.Call.HungUp("again");

        Assert.Equal(events, call.Events.Count);
        Assert.True(backend.Calls[0].Cancellation.IsCancellationRequested);
        Assert.Equal("abandoned", call.Call.Disposition);
    }

    [Fact]
    public void Ended_IsRaisedOnce()
    {
        var call = new CallHarness(FlowFixture.Load(Flow));
        var raised = 0;
        call.Call.Ended += _ => raised++;
        call.Start();

        call.Call.HungUp("caller");
        call.Call.HungUp("caller");

        Assert.Equal(1, raised);
    }
}
