using Ivr.Flows.Model;
using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Validation;

/// <summary>A flow's <c>switches:</c>: variables editors flip in the console, declared with a "true"/"false" value, unique across the set.</summary>
public class SwitchDiagnosticsTests
{
    [Fact]
    public void Load_Switches_AreInTheModel_WithInstantAndDescription()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: bye
            variables: { announcement_on: "false", holiday_on: "true" }
            switches:
              announcement_on: { instant: true, description: 热线公告 }
              holiday_on:
            nodes:
              bye: { kind: hangup }
            """);

        var set = folder.Load().Set!;
        Assert.Equal(new FlowSwitch("announcement_on", "main", true, "热线公告", "false", set.Switches["announcement_on"].Location), set.Switches["announcement_on"]);
        Assert.False(set.Switches["holiday_on"].Instant);
        Assert.Equal("true", set.Switches["holiday_on"].Default);
        Assert.Equal("true", set.Switches["announcement_on"].ValueFrom(new Dictionary<string, string> { ["announcement_on"] = "true" }));
        Assert.Equal("false", set.Switches["announcement_on"].ValueFrom(new Dictionary<string, string> { ["announcement_on"] = "yes" }));
    }

    [Theory]
    [InlineData("variables: { a: \"false\" }\nswitches: { b: { instant: true } }", "flows/main.yaml:4:13: error: switches: 'b' must be declared under variables:")]
    [InlineData("variables: { a: \"on\" }\nswitches: { a: { instant: true } }", "flows/main.yaml:4:13: error: switches: 'a' starts as \"on\" under variables:; a switch is \"true\" or \"false\"")]
    [InlineData("variables: { a: \"false\" }\nswitches: { a: { instant: yes } }", "flows/main.yaml:4:27: error: switch 'a': 'instant' must be true or false")]
    [InlineData("variables: { a: \"false\" }\nswitches: { a: { instnt: true } }", "flows/main.yaml:4:18: error: unknown field 'instnt'")]
    [InlineData("variables: { a: \"false\" }\nswitches: { a: \"true\" }", "flows/main.yaml:4:16: error: switches: 'a' must be a map")]
    public void Load_BadSwitch_SaysWhereAndWhy(string section, string expected)
    {
        using var folder = new FlowFolder().Write("main.yaml", $"flow: main\nstart: bye\n{section}\nnodes:\n  bye: {{ kind: hangup }}\n");

        Assert.Contains(folder.Problems(), p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SameSwitchInTwoFlows_IsAnError()
    {
        using var folder = new FlowFolder()
            .Write("main.yaml", "flow: main\nstart: other\nvariables: { a: \"false\" }\nswitches: { a: { instant: true } }\nnodes:\n  other: { kind: subflow, flow: other, next: bye }\n  bye: { kind: hangup }\n")
            .Write("other.yaml", "flow: other\nstart: done\nvariables: { a: \"true\" }\nswitches: { a: }\nnodes:\n  done: { kind: return, outcome: ok }\n");

        Assert.Contains(folder.Problems(), p => p.StartsWith("flows/other.yaml:4:13: error: switch 'a' is also declared by flow 'main'", StringComparison.Ordinal));
    }
}
