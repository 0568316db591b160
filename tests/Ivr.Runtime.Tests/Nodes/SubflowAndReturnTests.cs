using Ivr.Core.Calls;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

public sealed class SubflowAndReturnTests
{
    private const string Main = """
        flow: main
        start: check
        nodes:
          check:
            kind: subflow
            flow: verify
            next: after
            on:
              verified: found
              failed: sorry
          after:
            kind: hangup
            prompt: after_sub
          found:
            kind: hangup
            prompt: found
          sorry:
            kind: hangup
            prompt: sorry
        """;

    private const string Verify = """
        flow: verify
        start: ask
        variables:
          verify_started: "yes"
        nodes:
          ask:
            kind: menu
            prompt: menu_sub
            on_fail: bad
            options:
              "1": ok
              "2": bad
              "3": other
          ok:
            kind: return
            outcome: verified
          bad:
            kind: return
            outcome: failed
          other:
            kind: return
            outcome: unknown
        """;

    private static CallHarness InSubflow()
    {
        var call = new CallHarness(FlowFixture.Load(("main.yaml", Main), ("verify.yaml", Verify))).Start();
        call.FinishPrompt();
        Assert.Equal("verify.ask", call.Call.Current?.Id);
        return call;
    }

    [Theory]
    [InlineData("1", "verified", "main.found")]
    [InlineData("2", "failed", "main.sorry")]
    public void Return_Outcome_ContinuesAtTheCallersBranch(string key, string outcome, string node)
    {
        var call = InSubflow();

        call.Press(key);

        Assert.Equal(node, call.Call.Current?.Id);
        var returned = Assert.Single(call.EventsOf(CallEventKind.FlowReturned));
        Assert.Equal(("main.check", outcome, "verify"), (returned.Node, returned.Outcome, returned.Detail));
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.NodeLeft, Node: "main.check" } && e.Outcome == outcome);
    }

    [Fact]
    public void Return_OutcomeWithoutBranch_ContinuesAtNext()
    {
        var call = InSubflow();

        call.Press("3");

        Assert.Equal("main.after", call.Call.Current?.Id);
        Assert.Contains(call.Events, e => e is { Kind: CallEventKind.NodeLeft, Node: "main.check", Outcome: "next" });
    }

    [Fact]
    public void Subflow_EntersTheCalledFlowsStart_WithItsVariables()
    {
        var call = InSubflow();

        Assert.Equal(["main.check", "verify.ask"], call.Entered);
        Assert.Equal("yes", call.Call.Variables.Get("verify_started"));
    }

    [Fact]
    public void Subflow_Nested_EachReturnGoesBackOneLevel()
    {
        const string outer = """
            flow: main
            start: first
            nodes:
              first:
                kind: subflow
                flow: middle
                next: bye
                on:
                  middle_done: found
              found:
                kind: hangup
                prompt: found
              bye:
                kind: hangup
                prompt: goodbye
            """;
        const string middle = """
            flow: middle
            start: second
            nodes:
              second:
                kind: subflow
                flow: inner
                next: oops
                on:
                  inner_done: back_up
              back_up:
                kind: return
                outcome: middle_done
              oops:
                kind: return
                outcome: broken
            """;
        const string inner = """
            flow: inner
            start: ask
            nodes:
              ask:
                kind: menu
                prompt: menu_sub
                on_fail: done
                options:
                  "1": done
              done:
                kind: return
                outcome: inner_done
            """;
        var call = new CallHarness(FlowFixture.Load(("main.yaml", outer), ("middle.yaml", middle), ("inner.yaml", inner))).Start();
        call.FinishPrompt();

        call.Press("1");

        Assert.Equal("main.found", call.Call.Current?.Id);
        Assert.Equal([("middle.second", "inner_done"), ("main.first", "middle_done")],
            call.EventsOf(CallEventKind.FlowReturned).Select(e => (e.Node, e.Outcome)));
    }

    [Fact]
    public void Subflow_FailingTheCalledMenu_ReturnsItsOnFailOutcome()
    {
        var call = InSubflow();

        call.Press("9");
        call.Press("9");
        call.Press("9");

        Assert.Equal("main.sorry", call.Call.Current?.Id);
    }
}
