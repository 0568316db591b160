using Ivr.Core.Calls;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

public sealed class HangupHandlerTests
{
    private const string Flow = """
        flow: main
        start: bye
        nodes:
          bye:
            kind: hangup
            prompt: goodbye
            linger: 2s
            disposition: self_served
        """;

    [Fact]
    public void Hangup_PlaysGoodbyeLingersThenHangsUp()
    {
        var call = new CallHarness(FlowFixture.Load(Flow)).Start();

        call.Advance(2.999);
        Assert.False(call.Call.HasEnded);
        call.Advance(0.001);

        Assert.True(call.Call.HasEnded);
        Assert.Equal("self_served", call.Call.Disposition);
        Assert.Equal("self_served", call.Channel.HungUpWith);
        Assert.Equal("self_served", call.Recorder.Disposition);
        var ended = call.Events[^1];
        Assert.Equal((CallEventKind.CallEnded, "main.bye", "self_served"), (ended.Kind, ended.Node, ended.Outcome));
        Assert.Equal(CallHarness.Monday10.AddSeconds(3), ended.At);
        Assert.Equal(["goodbye"], call.Heard);
    }

    [Theory]
    [InlineData(0.5)] // during the goodbye
    [InlineData(2)] // while lingering
    public void Hangup_CallerHangsUpFirst_KeepsTheNodesDisposition(double after)
    {
        var call = new CallHarness(FlowFixture.Load(Flow)).Start();
        call.Advance(after);

        call.Call.HungUp("caller");

        Assert.Equal("self_served", call.Call.Disposition);
        Assert.Null(call.Channel.HungUpWith); // nothing left to hang up
        Assert.DoesNotContain(call.Events, e => e.Outcome == "hangup");
        Assert.Equal(CallEventKind.CallEnded, call.Events[^1].Kind);
        Assert.Equal(CallHarness.Monday10.AddSeconds(after), call.Events[^1].At);
    }

    [Fact]
    public void Hangup_KeysDuringTheGoodbye_AreIgnored()
    {
        var call = new CallHarness(FlowFixture.Load(Flow)).Start();
        call.Advance(0.5);

        call.Press("123");
        call.RunToEnd();

        Assert.Equal("self_served", call.Call.Disposition);
        Assert.Empty(call.EventsOf(CallEventKind.PlaybackInterrupted));
    }
}
