using System.Net;
using Ivr.Host.SipReplay;
using Ivr.Runtime.Replay;

namespace Ivr.Host.Tests.SipReplay;

/// <summary>What a live replay runs, skips or runs last; where it calls; the clock a replay server keeps.</summary>
public sealed class LiveReplayPlanTests
{
    [Fact]
    public void SipTarget_Parse_UserAddressPort()
    {
        var target = SipTarget.Parse("sip:12333@127.0.0.1:5070");

        Assert.Equal(new SipTarget("12333", IPAddress.Loopback, 5070), target);
        Assert.Equal("sip:95500@127.0.0.1:5070", target.For("95500").ToString());
    }

    [Fact]
    public void SipTarget_Parse_NoPort_5060() => Assert.Equal(5060, SipTarget.Parse("sip:12333@10.0.0.7").Port);

    [Theory]
    [InlineData("12333@127.0.0.1")]
    [InlineData("sip:12333@ivr.example.cn:5060")]
    [InlineData("http://127.0.0.1/")]
    public void SipTarget_Parse_NotAnIpSipUri_ClearError(string text)
    {
        var error = Assert.Throws<FormatException>(() => SipTarget.Parse(text));
        Assert.StartsWith("--target", error.Message);
    }

    [Fact]
    public void Skips_PlainScript_Runs() => Assert.Null(LiveReplaySkips.Reason(Script()));

    [Fact]
    public void Skips_LookupStub_SaysWhichOperation() =>
        Assert.Equal("needs a lookup stub (pension.summary)", LiveReplaySkips.Reason(Script() with
        {
            Lookups = new Dictionary<string, IReadOnlyList<LookupStub>> { ["pension.summary"] = [] },
        }));

    [Fact]
    public void Skips_TransferExpected_NeedsAnAgent() =>
        Assert.Equal("needs an agent stand-in to take the transfer", LiveReplaySkips.Reason(Script(new ReplayStep(ReplayStepKind.ExpectTransfer, 3) { Values = ["general"] })));

    [Fact]
    public void Skips_FaxExpected_NeedsAFaxMachine() =>
        Assert.Equal("needs a fax machine on the caller's line (the replaying caller answers no T.30)",
            LiveReplaySkips.Reason(Script(new ReplayStep(ReplayStepKind.ExpectFax, 4) { Values = ["pension_certificate"] })));

    [Fact]
    public void Skips_FlowVariables_Named() =>
        Assert.Equal("sets flow variables before the call (announcement_on)", LiveReplaySkips.Reason(Script() with { Variables = new Dictionary<string, string> { ["announcement_on"] = "true" } }));

    [Fact]
    public void Skips_AnotherMoment_SaysWhen() =>
        Assert.Equal("runs at 2026-10-02 10:00 +08:00; a live server keeps its own clock",
            LiveReplaySkips.Reason(Script() with { At = new DateTimeOffset(2026, 10, 2, 10, 0, 0, TimeSpan.FromHours(8)) }));

    [Fact]
    public void DemoDataChanges_WrongPinOrLossOrPinChange_True()
    {
        Assert.True(DemoDataChanges.Changes(Script(new ReplayStep(ReplayStepKind.Press, 5) { Values = ["{wrong_pin}#"] })));
        Assert.True(DemoDataChanges.Changes(Script(new ReplayStep(ReplayStepKind.Expect, 5) { Values = ["card_loss_done"] })));
        Assert.True(DemoDataChanges.Changes(Script(new ReplayStep(ReplayStepKind.Expect, 5) { Values = ["anything_else", "card_pin_changed"] })));
    }

    [Fact]
    public void DemoDataChanges_RightPinAndLookups_False() =>
        Assert.False(DemoDataChanges.Changes(Script(
            new ReplayStep(ReplayStepKind.Press, 5) { Values = ["{pin_zhang}#"] },
            new ReplayStep(ReplayStepKind.Expect, 6) { Values = ["pension_monthly"] })));

    [Fact]
    public void DemoDataChanges_Reset_RefusesADatabaseWithOtherPeople()
    {
        var folder = Directory.CreateTempSubdirectory("ivr-reset-").FullName;
        var database = Path.Combine(folder, "ivr.db");
        Ivr.Data.Seeding.DemoSeeder.Seed(database, people: 3, seed: 1, new Ivr.Data.Seeding.SeedOptions(new DateOnly(2026, 11, 23), DemoPinIterations: 1000));

        var error = Assert.Throws<InvalidOperationException>(() => DemoDataChanges.Reset(database));

        Assert.Contains("holds 9 people", error.Message);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void ShiftedTimeProvider_StartsAtTheMomentAndRuns()
    {
        var start = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

        var clock = ShiftedTimeProvider.StartingAt(start);

        var now = clock.GetUtcNow();
        Assert.InRange(now - start, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Thread.Sleep(20);
        Assert.True(clock.GetUtcNow() > now);
    }

    private static ReplayScript Script(params ReplayStep[] steps) => new() { Path = "x.yaml", Name = "x", Steps = steps };
}
