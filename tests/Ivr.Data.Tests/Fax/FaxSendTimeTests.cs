using Ivr.Data.Fax;

namespace Ivr.Data.Tests.Fax;

public sealed class FaxSendTimeTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Monday10 = new(2026, 11, 23, 10, 0, 0, China);

    [Theory]
    [InlineData("today", "1530", 2026, 11, 23, 15, 30)]
    [InlineData("today", "2000", 2026, 11, 23, 20, 0)]    // the last allowed minute
    [InlineData("tomorrow", "0930", 2026, 11, 24, 9, 30)]
    [InlineData("tomorrow", "0800", 2026, 11, 24, 8, 0)]  // the first allowed minute
    public void Resolve_WithinHours_Ok(string day, string time, int y, int m, int d, int h, int min)
    {
        var result = FaxSendTime.Resolve(day, time, Monday10, FaxSettings.Default);

        Assert.Equal(FaxSendTimeOutcome.Ok, result.Outcome);
        Assert.Equal(new DateTimeOffset(y, m, d, h, min, 0, China), result.Due);
    }

    [Theory]
    [InlineData("today", "2001")]
    [InlineData("today", "2130")]
    [InlineData("tomorrow", "0759")]
    [InlineData("tomorrow", "0000")]
    public void Resolve_OutsideHours_Refused(string day, string time) =>
        Assert.Equal(FaxSendTimeOutcome.OutsideHours, FaxSendTime.Resolve(day, time, Monday10, FaxSettings.Default).Outcome);

    [Theory]
    [InlineData("0900")]
    [InlineData("1000")] // this very minute is not ahead any more
    public void Resolve_TodayAlreadyPast_Refused(string time) =>
        Assert.Equal(FaxSendTimeOutcome.Past, FaxSendTime.Resolve("today", time, Monday10, FaxSettings.Default).Outcome);

    [Fact]
    public void Resolve_Now_IsNowWithinHours_RefusedAtNight()
    {
        Assert.Equal(new FaxSendTimeResult(FaxSendTimeOutcome.Ok, Monday10), FaxSendTime.Resolve("now", "", Monday10, FaxSettings.Default));
        Assert.Equal(FaxSendTimeOutcome.OutsideHours, FaxSendTime.Resolve("now", "", Monday10.AddHours(12), FaxSettings.Default).Outcome);
    }

    [Fact]
    public void Resolve_DaysFollowChinaTime_NotUtc()
    {
        var lateUtc = new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero); // 07:30 on Tuesday in Beijing

        var result = FaxSendTime.Resolve("today", "0900", lateUtc, FaxSettings.Default);

        Assert.Equal((FaxSendTimeOutcome.Ok, new DateTimeOffset(2026, 11, 24, 9, 0, 0, China)), (result.Outcome, result.Due));
    }

    [Fact]
    public void Resolve_ConfiguredHours_Apply()
    {
        var settings = FaxSettings.Default with { AllowedFrom = new(9, 0), AllowedUntil = new(17, 0) };

        Assert.Equal(FaxSendTimeOutcome.OutsideHours, FaxSendTime.Resolve("tomorrow", "0830", Monday10, settings).Outcome);
        Assert.Equal(FaxSendTimeOutcome.Ok, FaxSendTime.Resolve("tomorrow", "1700", Monday10, settings).Outcome);
    }

    [Theory]
    [InlineData("yesterday", "0900")]
    [InlineData("today", "930")]
    [InlineData("today", "2560")]
    [InlineData("tomorrow", "")]
    public void Resolve_BadInput_Invalid(string day, string time) =>
        Assert.Equal(FaxSendTimeOutcome.Invalid, FaxSendTime.Resolve(day, time, Monday10, FaxSettings.Default).Outcome);

    [Fact]
    public void Settings_Problems_AreNamed()
    {
        Assert.Null(FaxSettings.Default.Problem());
        Assert.Contains("allowed_until", FaxSettings.Default with { AllowedUntil = new(7, 0) } is var s ? s.Problem() : null);
        Assert.Contains("max_attempts", (FaxSettings.Default with { MaxAttempts = 0 }).Problem());
        Assert.Contains("retry_delay", (FaxSettings.Default with { RetryDelay = TimeSpan.FromSeconds(1) }).Problem());
    }
}
