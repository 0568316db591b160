using Ivr.Core.Calls;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

public sealed class BranchAndSetTests
{
    // Each pass through count adds one to tries; the menu lets the caller come round again.
    private const string Flow = """
        flow: main
        start: count
        variables:
          tries: "0"
        defaults:
          on_fail: done
        nodes:
          count:
            kind: set
            values:
              tries: tries + 1
              label: "'try ' + tries"
              who: call.caller
            next: decide
          decide:
            kind: branch
            cases:
              - when: tries >= 3
                then: done
              - when: tries == 2 and len(label) == 5
                then: second
            else: first
          first:
            kind: menu
            prompt: one
            options:
              "1": count
          second:
            kind: menu
            prompt: two
            options:
              "1": count
          done:
            kind: hangup
            prompt: goodbye
        """;

    private static IEnumerable<string?> Left(CallHarness call, string node) =>
        call.Events.Where(e => e.Kind == CallEventKind.NodeLeft && e.Node == node).Select(e => e.Outcome);

    [Fact]
    public void Set_AssignsInOrder_AndBranchTakesTheFirstCaseThatHolds()
    {
        var call = new CallHarness(FlowFixture.Load(Flow)).Start();
        Assert.Equal("main.first", call.Call.Current?.Id); // tries 1: no case holds → else
        Assert.Equal("try 1", call.Call.Variables.Get("label")); // label saw the new tries

        call.Press("1");
        Assert.Equal("main.second", call.Call.Current?.Id);

        call.Press("1");
        Assert.Equal("main.done", call.Call.Current?.Id);

        Assert.Equal(["else", "case2", "case1"], Left(call, "main.decide"));
        Assert.Equal("3", call.Call.Variables.Get("tries"));
    }

    [Fact]
    public void Set_RecordsEachVariable_TheCallersNumberMasked()
    {
        var call = new CallHarness(FlowFixture.Load(Flow)).Start();

        var details = call.EventsOf(CallEventKind.VariableSet).Select(e => e.Detail).ToList();

        Assert.Equal(["tries=1", "label=try 1", "who=138*****678"], details);
        Assert.Equal(CallHarness.CallerNumber, call.Call.Variables.Get("who"));
        Assert.True(call.Call.Variables.IsSecure("who"));
    }
}
