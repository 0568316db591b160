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
    public async Task Execute_Sequence_AnswersInOrderThenRepeatsTheLast()
    {
        var stubs = new StubLookupService(new Dictionary<string, IReadOnlyList<LookupStub>> { ["op"] = [Stub("not_found"), Stub("ok")] }, _clock, null);

        var outcomes = new List<string>();
        for (var i = 0; i < 4; i++) outcomes.Add((await stubs.ExecuteAsync("op", NoInputs, default)).Outcome);

        Assert.Equal(["not_found", "ok", "ok", "ok"], outcomes);
    }

    [Fact]
    public async Task Execute_Delay_AnswersOnTheVirtualClock()
    {
        var stubs = new StubLookupService(new Dictionary<string, IReadOnlyList<LookupStub>> { ["op"] = [Stub("ok", 2)] }, _clock, null);

        var pending = stubs.ExecuteAsync("op", NoInputs, default);
        _clock.Advance(TimeSpan.FromSeconds(1.999));
        Assert.False(pending.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Equal("ok", (await pending).Outputs["n"]);
    }

    [Fact]
    public async Task Execute_NotStubbed_AsksTheFallback()
    {
        var backend = new ScriptedLookupService { Answer = LookupResult.Of("locked") };
        var stubs = new StubLookupService(new Dictionary<string, IReadOnlyList<LookupStub>>(), _clock, backend);

        Assert.Equal("locked", (await stubs.ExecuteAsync("card.status", NoInputs, default)).Outcome);
        Assert.Equal("card.status", Assert.Single(backend.Calls).Operation);
    }

    [Fact]
    public async Task Execute_NotStubbedAndNoFallback_AnswersError()
    {
        var stubs = new StubLookupService(new Dictionary<string, IReadOnlyList<LookupStub>>(), _clock, null);

        Assert.Equal(LookupResult.Error, (await stubs.ExecuteAsync("op", NoInputs, default)).Outcome);
    }
}
