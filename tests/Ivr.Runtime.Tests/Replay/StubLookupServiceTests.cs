using Ivr.Core.Lookups;
using Ivr.Runtime.Replay;
using Ivr.Runtime.Simulation;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Replay;

public sealed class StubLookupServiceTests
{
    private static readonly IReadOnlyDictionary<string, string> NoInputs = new Dictionary<string, string>();
    private readonly VirtualClock _clock = new(CallHarness.Monday10);

    private static LookupStub Stub(string outcome, double delaySeconds = 0) =>
        new(outcome, new Dictionary<string, string> { ["n"] = outcome }, TimeSpan.FromSeconds(delaySeconds));

    [Fact]
    public void Execute_Sequence_AnswersInOrderThenRepeatsTheLast()
    {
        var stubs = new StubLookupService(new Dictionary<string, IReadOnlyList<LookupStub>> { ["op"] = [Stub("not_found"), Stub("ok")] }, _clock, null);

        var outcomes = Enumerable.Range(0, 4).Select(_ => stubs.ExecuteAsync("op", NoInputs, default).Result.Outcome);

        Assert.Equal(["not_found", "ok", "ok", "ok"], outcomes);
    }

    [Fact]
    public void Execute_Delay_AnswersOnTheVirtualClock()
    {
        var stubs = new StubLookupService(new Dictionary<string, IReadOnlyList<LookupStub>> { ["op"] = [Stub("ok", 2)] }, _clock, null);

        var pending = stubs.ExecuteAsync("op", NoInputs, default);
        _clock.Advance(TimeSpan.FromSeconds(1.999));
        Assert.False(pending.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Equal("ok", pending.Result.Outputs["n"]);
    }

    [Fact]
    public void Execute_NotStubbed_AsksTheFallback()
    {
        var backend = new ScriptedLookupService { Answer = LookupResult.Of("locked") };
        var stubs = new StubLookupService(new Dictionary<string, IReadOnlyList<LookupStub>>(), _clock, backend);

        Assert.Equal("locked", stubs.ExecuteAsync("card.status", NoInputs, default).Result.Outcome);
        Assert.Equal("card.status", Assert.Single(backend.Calls).Operation);
    }

    [Fact]
    public void Execute_NotStubbedAndNoFallback_AnswersError()
    {
        var stubs = new StubLookupService(new Dictionary<string, IReadOnlyList<LookupStub>>(), _clock, null);

        Assert.Equal(LookupResult.Error, stubs.ExecuteAsync("op", NoInputs, default).Result.Outcome);
    }
}
