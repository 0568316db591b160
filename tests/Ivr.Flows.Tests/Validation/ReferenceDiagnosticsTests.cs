using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Validation;

public class ReferenceDiagnosticsTests
{
    [Fact]
    public void Load_DanglingNodeReference_SuggestsClosestNode()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: hello
            nodes:
              hello: { kind: play, prompts: welcome, next: goodby }
              goodbye: { kind: hangup }
            """);

        Assert.Contains("flows/main.yaml:4:48: error: there is no node 'goodby' in flow 'main'; did you mean 'goodbye'?", folder.Problems());
    }

    [Fact]
    public void Load_DanglingFlowReference_SuggestsClosestFlow()
    {
        using var folder = new FlowFolder()
            .Write("main.yaml", "flow: main\nstart: hello\nnodes:\n  hello: { kind: play, prompts: welcome, next: pensoin.start }\n")
            .Write("pension.yaml", "flow: pension\nstart: start\nnodes:\n  start: { kind: hangup }\n");

        Assert.Contains("flows/main.yaml:4:48: error: 'pensoin.start' names flow 'pensoin', which does not exist; did you mean 'pension'? (flows: main, pension)", folder.Problems());
    }

    [Fact]
    public void Load_ReferenceToNodeOfOtherFlow_LinksAndReportsMissingNode()
    {
        using var folder = new FlowFolder()
            .Write("main.yaml", "flow: main\nstart: hello\nnodes:\n  hello: { kind: play, prompts: welcome, next: pension.strat }\n")
            .Write("pension.yaml", "flow: pension\nstart: start\nnodes:\n  start: { kind: hangup }\n");

        Assert.Contains("flows/main.yaml:4:48: error: there is no node 'strat' in flow 'pension'; did you mean 'start'?", folder.Problems());
    }

    [Fact]
    public void Load_FlowNameUsedAsNode_ShowsHowToReachTheFlow()
    {
        using var folder = new FlowFolder()
            .Write("main.yaml", "flow: main\nstart: hello\nnodes:\n  hello: { kind: play, prompts: welcome, next: pension }\n")
            .Write("pension.yaml", "flow: pension\nstart: begin\nnodes:\n  begin: { kind: hangup }\n");

        Assert.Contains("flows/main.yaml:4:48: error: there is no node 'pension' in flow 'main'; to go to flow 'pension' write pension.begin", folder.Problems());
    }

    [Fact]
    public void Load_UnknownSubflow_IsAnError()
    {
        using var folder = new FlowFolder()
            .Write("main.yaml", "flow: main\nstart: auth\nnodes:\n  auth: { kind: subflow, flow: authentcation, next: bye }\n  bye: { kind: hangup }\n")
            .Write("authentication.yaml", "flow: authentication\nstart: done\nnodes:\n  done: { kind: return }\n");

        Assert.Contains("flows/main.yaml:4:32: error: subflow 'auth' calls flow 'authentcation', which does not exist; did you mean 'authentication'? (flows: authentication, main)", folder.Problems());
    }

    [Fact]
    public void Load_SubflowOutcomeTheCalleeNeverReturns_Warns()
    {
        using var folder = new FlowFolder()
            .Write("main.yaml", "flow: main\nstart: auth\nnodes:\n  auth: { kind: subflow, flow: authentication, next: bye, on: { faild: bye } }\n  bye: { kind: hangup }\n")
            .Write("authentication.yaml", "flow: authentication\nstart: done\nnodes:\n  done: { kind: return, outcome: failed }\n");

        Assert.Contains("flows/main.yaml:4:65: warning: subflow 'auth': flow 'authentication' never returns 'faild'; did you mean 'failed'? (it returns: failed)", folder.Problems());
    }

    [Fact]
    public void Load_ReturnInFlowNeverCalled_Warns()
    {
        using var folder = new FlowFolder().Write("main.yaml", "flow: main\nstart: done\nnodes:\n  done: { kind: return }\n");

        var problem = Assert.Single(folder.Problems());

        Assert.StartsWith("flows/main.yaml:4:3: warning: return 'done': flow 'main' is never called as a subflow", problem);
    }

    [Fact]
    public void Load_UnknownOperation_IsAnErrorWhenOperationsAreKnown()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: fetch
            nodes:
              fetch: { kind: lookup, operation: pension.sumary, on: { ok: bye, error: bye } }
              bye: { kind: hangup }
            """);

        Assert.Empty(folder.Problems());
        Assert.Equal(
            ["flows/main.yaml:4:37: error: lookup 'fetch': unknown operation 'pension.sumary'; did you mean 'pension.summary'? (operations: card.report_loss, pension.summary)"],
            folder.Problems(["pension.summary", "card.report_loss"]));
    }

    [Fact]
    public void Load_LookupWithoutErrorBranch_IsAnError()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: fetch
            nodes:
              fetch: { kind: lookup, operation: op, on: { ok: bye } }
              bye: { kind: hangup }
            """);

        Assert.Contains(folder.Problems(), p => p.StartsWith("flows/main.yaml:4:45: error: lookup 'fetch': 'on' has no 'error' branch", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownSchedule_SuggestsFromTheCalendar()
    {
        using var folder = new FlowFolder()
            .Write("calendar.yaml", "utc_offset: \"+08:00\"\nschedules:\n  agents:\n    hours:\n      weekdays: [08:00-20:00]\n")
            .Write("main.yaml", """
                flow: main
                start: check
                nodes:
                  check: { kind: hours, schedule: agent, open: bye, closed: bye }
                  bye: { kind: hangup }
                """);

        Assert.Equal(
            [$"flows/main.yaml:4:35: error: hours 'check': unknown schedule 'agent'; did you mean 'agents'? (schedules in flows/calendar.yaml: agents)"],
            folder.Problems());
    }

    [Fact]
    public void Load_HoursWithoutCalendarFile_AsksForOne()
    {
        using var folder = new FlowFolder().Write("main.yaml", """
            flow: main
            start: check
            nodes:
              check: { kind: hours, schedule: agents, open: bye, closed: bye }
              bye: { kind: hangup }
            """);

        Assert.Equal(
            ["flows/main.yaml:4:35: error: hours 'check' needs schedule 'agents' but there is no flows/calendar.yaml; create it with the service hours"],
            folder.Problems());
    }

    [Fact]
    public void Load_RouteToUnknownFlow_IsAnError()
    {
        using var folder = new FlowFolder(routes: false)
            .Write("routes.yaml", "routes:\n  \"12333\": mian\n  \"*\": main\n")
            .Write("main.yaml", "flow: main\nstart: bye\nnodes:\n  bye: { kind: hangup }\n");

        Assert.Equal(["flows/routes.yaml:2:12: error: route '12333' goes to flow 'mian', which does not exist; did you mean 'main'? (flows: main)"], folder.Problems());
    }

    [Theory]
    [InlineData("12333-auth", true)]
    [InlineData("12333-auth-2", true)]
    [InlineData("12333-", false)]
    [InlineData("12333-Auth", false)]
    [InlineData("-auth", false)]
    [InlineData("auth", false)]
    public void Load_RouteWithAServiceSuffix_AllowedOnlyAfterANumber(string route, bool valid)
    {
        using var folder = new FlowFolder(routes: false)
            .Write("routes.yaml", $"routes:\n  \"{route}\": main\n  \"*\": main\n")
            .Write("main.yaml", "flow: main\nstart: bye\nnodes:\n  bye: { kind: hangup }\n");

        Assert.Equal(valid, folder.Problems().Count == 0);
    }

    [Fact]
    public void Load_TransferTo_ReadsAndRefusesASecureTarget()
    {
        using var folder = new FlowFolder()
            .Write("main.yaml", "flow: main\nstart: pin\nnodes:\n" +
                "  pin: { kind: collect, into: pin, secure: true, min_length: 6, max_length: 6, next: back }\n" +
                "  back: { kind: transfer, queue: agent_return, to: pin, on_failure: bye }\n  bye: { kind: hangup }\n");

        Assert.Contains(folder.Problems(), p => p.Contains("transfer 'back': 'to' reads 'pin', a secure value"));
    }

    [Fact]
    public void Load_NoRoutesFile_IsAnError()
    {
        using var folder = new FlowFolder(routes: false).Write("main.yaml", "flow: main\nstart: bye\nnodes:\n  bye: { kind: hangup }\n");

        Assert.Equal(["flows/routes.yaml:0:0: error: routes.yaml is missing; create it with routes: { \"12333\": main, \"*\": main }"], folder.Problems());
    }

    [Fact]
    public void Load_UnusedFlow_Warns()
    {
        using var folder = new FlowFolder()
            .Write("main.yaml", "flow: main\nstart: bye\nnodes:\n  bye: { kind: hangup }\n")
            .Write("old.yaml", "flow: old\nstart: bye\nnodes:\n  bye: { kind: hangup }\n");

        Assert.Equal(["flows/old.yaml:1:1: warning: flow 'old' is never used: no route in routes.yaml, subflow or other flow leads to it"], folder.Problems());
    }
}
