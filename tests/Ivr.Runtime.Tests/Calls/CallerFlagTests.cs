using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Calls;

/// <summary><c>caller.flagged</c> and <c>caller.flag_reason</c>: the flag looked up as the call started, read by expressions.</summary>
public sealed class CallerFlagTests
{
    private const string Flow = """
        flow: main
        start: decide
        nodes:
          decide:
            kind: branch
            cases:
              - when: caller.flagged == "true" and caller.flag_reason == "harassment"
                then: warned
            else: welcomed
          warned:
            kind: hangup
            prompt: two
            disposition: flagged
          welcomed:
            kind: hangup
            prompt: one
            disposition: completed
        """;

    [Fact]
    public void FlaggedNumber_TakesTheFlaggedBranch()
    {
        var call = new CallHarness(FlowFixture.Load(Flow), flagReason: "harassment").Start();
        call.RunToEnd();

        Assert.Equal("flagged", call.Call.Disposition);
        Assert.Equal("harassment", call.Call.Variables.Display("caller.flag_reason"));
    }

    [Fact]
    public void NumberNotFlagged_FalseAndEmpty()
    {
        var call = new CallHarness(FlowFixture.Load(Flow)).Start();
        call.RunToEnd();

        Assert.Equal("completed", call.Call.Disposition);
        Assert.Equal(("false", ""), (call.Call.Variables.Get("caller.flagged"), call.Call.Variables.Get("caller.flag_reason")));
    }
}
