using Ivr.Core.Calls;
using Ivr.Core.Lookups;
using Ivr.Runtime.Replay;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

public sealed class LookupHandlerTests
{
    private static string Flow(string start) => $$"""
        flow: main
        start: {{start}}
        defaults:
          on_fail: lookup_error
        nodes:
          find:
            kind: lookup
            operation: pension.summary
            inputs:
              region: "'110000'"
              who: call.caller_masked
            outputs:
              amount: pension_amount
              month: pension_month
            time_limit: 5s
            wait_prompt: wait
            wait_after: 1s
            on:
              ok: menu
              not_found: not_found
              error: lookup_error
              timeout: timed_out
          bare:
            kind: lookup
            operation: card.status
            time_limit: 2s
            on:
              ok: menu
              error: lookup_error
          menu:
            kind: menu
            prompt: menu_main
            options:
              "1": one
          one:
            kind: hangup
            prompt: one
          not_found:
            kind: hangup
            prompt: not_found
          lookup_error:
            kind: hangup
            prompt: lookup_error
          timed_out:
            kind: hangup
            prompt: timed_out
        """;

    private readonly ScriptedLookupService _backend = new();

    private CallHarness Start(string start = "find") => new CallHarness(FlowFixture.Load(Flow(start)), _backend).Start();

    private static CallEvent Completed(CallHarness call) => Assert.Single(call.EventsOf(CallEventKind.LookupCompleted));

    private static string? LeftFind(CallHarness call, string node = "main.find") =>
        call.Events.Single(e => e.Kind == CallEventKind.NodeLeft && e.Node == node).Outcome;

    [Fact]
    public void Lookup_Ok_CopiesOutputsAndTakesOk()
    {
        _backend.Answer = LookupResult.Success(new Dictionary<string, string> { ["amount"] = "3256.50", ["month"] = "11", ["other"] = "x" });

        var call = Start();

        Assert.Equal("main.menu", call.Call.Current?.Id);
        Assert.Equal("3256.50", call.Call.Variables.Get("pension_amount"));
        Assert.Equal("11", call.Call.Variables.Get("pension_month"));
        Assert.Null(call.Call.Variables.Get("other"));
        Assert.Equal(["pension_amount=3256.50", "pension_month=11"], call.EventsOf(CallEventKind.VariableSet).Select(e => e.Detail));
        Assert.Equal("ok", Completed(call).Outcome);
        Assert.Equal("ok", LeftFind(call));
    }

    [Theory]
    [InlineData("not_found", "main.not_found")]
    [InlineData("error", "main.lookup_error")]
    [InlineData("timeout", "main.timed_out")] // a back end may itself answer timeout
    public void Lookup_Outcome_TakesItsBranch(string outcome, string node)
    {
        _backend.Answer = LookupResult.Of(outcome);

        var call = Start();

        Assert.Equal(node, call.Call.Current?.Id);
        Assert.Equal(outcome, LeftFind(call));
    }

    [Fact]
    public void Lookup_OutcomeWithoutBranch_FallsBackToError()
    {
        _backend.Answer = LookupResult.Of("locked");

        var call = Start();

        Assert.Equal("main.lookup_error", call.Call.Current?.Id);
        Assert.Equal("locked", Completed(call).Outcome);
        Assert.Equal("error", LeftFind(call));
    }

    [Fact]
    public void Lookup_ServiceThrows_TakesError()
    {
        _backend.Throw = true;

        var call = Start();

        Assert.Equal("main.lookup_error", call.Call.Current?.Id);
        Assert.Equal("error", LeftFind(call));
    }

    [Fact]
    public void Lookup_BackendAnswersNullAtOnce_TakesError()
    {
        _backend.Answer = null!;

        var call = Start();

        Assert.Equal("main.lookup_error", call.Call.Current?.Id);
    }

    [Fact]
    public void Lookup_BackendAnswersNullLater_TakesError()
    {
        _backend.Hold = true;
        var call = Start();
        call.Advance(0.5);

        _backend.Complete(null!);

        Assert.Equal("main.lookup_error", call.Call.Current?.Id);
        Assert.False(call.Call.HasEnded);
    }

    [Fact]
    public void Lookup_Inputs_AreEvaluatedAndCarryTheCall()
    {
        var call = Start();

        var inputs = Assert.Single(_backend.Calls).Inputs;
        Assert.Equal("110000", inputs["region"]);
        Assert.Equal("138*****678", inputs["who"]);
        Assert.Equal("test-call", inputs["call_id"]);
        Assert.Equal(CallHarness.CallerNumber, inputs["caller"]);
        Assert.Equal("pension.summary", call.EventsOf(CallEventKind.LookupStarted).Single().Detail);
    }

    [Fact]
    public void Lookup_Inputs_CarryTheSipSource_OnlyWhenTheCallHasOne()
    {
        new CallHarness(FlowFixture.Load(Flow("find")), _backend, source: "198.51.100.7").Start();
        Start();

        Assert.Equal("198.51.100.7", _backend.Calls[0].Inputs["source"]);
        Assert.False(_backend.Calls[1].Inputs.ContainsKey("source"));
    }

    [Fact]
    public void Lookup_NoAnswerWithinTheTimeLimit_TakesTimeout()
    {
        _backend.Hold = true;
        var call = Start();

        call.Advance(4.999);
        Assert.Equal("main.find", call.Call.Current?.Id);
        call.Advance(0.001);

        Assert.Equal("main.timed_out", call.Call.Current?.Id);
        Assert.Equal("timeout", Completed(call).Outcome);
        Assert.Equal(CallHarness.Monday10.AddSeconds(5), Completed(call).At);
        Assert.True(_backend.Calls[0].Cancellation.IsCancellationRequested);
    }

    [Fact]
    public void Lookup_TimeoutWithoutBranch_FallsBackToError()
    {
        _backend.Hold = true;
        var call = Start("bare");

        call.Advance(2);

        Assert.Equal("main.lookup_error", call.Call.Current?.Id);
        Assert.Equal("timeout", Completed(call).Outcome);
    }

    [Fact]
    public void Lookup_TimeoutWithoutBranch_LeavesByTheErrorEdge()
    {
        _backend.Hold = true;
        var call = Start("bare");

        call.Advance(2);

        // As for any other outcome without a branch (see Lookup_OutcomeWithoutBranch_FallsBackToError):
        // the edge taken, which events and coverage show, is error.
        Assert.Equal("error", LeftFind(call, "main.bare"));
    }

    [Fact]
    public void Lookup_ResultAfterTheTimeout_IsIgnored()
    {
        _backend.Hold = true;
        var call = Start();
        call.Advance(5);
        var events = call.Events.Count;

        _backend.Complete(LookupResult.Success(new Dictionary<string, string> { ["amount"] = "1.00" }));
        call.Advance(0.5);

        Assert.Equal("main.timed_out", call.Call.Current?.Id);
        Assert.Null(call.Call.Variables.Get("pension_amount"));
        Assert.Equal(events, call.Events.Count);
    }

    [Fact]
    public void Lookup_RunningPastWaitAfter_PlaysTheWaitPromptOnce()
    {
        _backend.Hold = true;
        var call = Start();

        call.Advance(0.999);
        Assert.Empty(call.Heard);
        call.Advance(0.001);
        Assert.Equal(["wait"], call.Heard);
        call.Advance(2.5);
        _backend.Complete(LookupResult.Of(LookupResult.Ok));

        Assert.Equal(["wait", "menu_main"], call.Heard);
        Assert.Equal("main.menu", call.Call.Current?.Id);
    }

    [Theory]
    [InlineData(0.5, false)]
    [InlineData(3, true)]
    public void Lookup_StubbedDelayOnTheVirtualClock_WaitPromptOnlyWhenSlow(double delaySeconds, bool waitPrompt)
    {
        var stubs = new Dictionary<string, IReadOnlyList<LookupStub>>
        {
            ["pension.summary"] = [new LookupStub("ok", new Dictionary<string, string> { ["amount"] = "99" }, TimeSpan.FromSeconds(delaySeconds))],
        };
        var call = new CallHarness(FlowFixture.Load(Flow("find")), clock => new StubLookupService(stubs, clock, null)).Start();

        call.RunUntilIn("menu");

        Assert.Equal(CallHarness.Monday10.AddSeconds(delaySeconds), Completed(call).At);
        Assert.Equal(waitPrompt, call.Heard.Contains("wait"));
        Assert.Equal("99", call.Call.Variables.Get("pension_amount"));
    }

    [Fact]
    public void Lookup_KeyPressedMeanwhile_IsKeptForTheNextMenu()
    {
        _backend.Hold = true;
        var call = Start();
        call.Advance(0.5);

        call.Channel.Press('1');
        Assert.Equal("main.find", call.Call.Current?.Id);
        _backend.Complete(LookupResult.Of(LookupResult.Ok));

        Assert.Equal("main.one", call.Call.Current?.Id);
    }
}
