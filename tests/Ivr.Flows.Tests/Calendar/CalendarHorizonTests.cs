using Ivr.Core.Calendar;
using Ivr.Flows.Calendar;
using Ivr.Flows.Loading;
using Ivr.Flows.Tests.Support;
using Ivr.Flows.Validation;

namespace Ivr.Flows.Tests.Calendar;

/// <summary>
/// The calendar's horizon (issue 15, item 7): a year the calendar lists no holiday or make-up working day for is reported
/// once it has begun or begins within 60 days — the shipped calendar (2026 only) on 2026-12-03 misses 2027 — and the
/// validator (<c>ivr validate</c>, the console's check) says so on flows/calendar.yaml.
/// </summary>
public sealed class CalendarHorizonTests
{
    private static readonly ServiceCalendar Only2026 = Parse("""
        holidays:
          - { name: 国庆节, from: 2026-10-01, to: 2026-10-07 }
        """);

    [Theory]
    [InlineData("2026-11-01", new int[0])]       // 2027 begins in 61 days: not yet
    [InlineData("2026-11-02", new[] { 2027 })]   // in 60 days
    [InlineData("2026-12-03", new[] { 2027 })]   // today's date in the hotline's world
    [InlineData("2027-02-01", new[] { 2027 })]   // begun and still missing
    public void MissingYears_From60DaysBeforeTheYear(string today, int[] missing)
        => Assert.Equal(missing, CalendarHorizon.MissingYears(Only2026, DateOnly.Parse(today)));

    [Fact]
    public void AYearWithOnlyAMakeUpWorkingDay_IsCovered_AndNothingIsReported()
    {
        var calendar = Parse("""
            holidays:
              - { name: 国庆节, from: 2026-10-01, to: 2026-10-07 }
            make_up_working_days:
              - { date: 2027-01-02, name: 测试用调休 }
            """);

        Assert.Empty(CalendarHorizon.MissingYears(calendar, new DateOnly(2026, 12, 3)));
        Assert.Empty(CalendarHorizon.Check(calendar, "flows/calendar.yaml", new DateOnly(2026, 12, 3)));
    }

    [Fact]
    public void Check_IsAWarningOnTheWholeFile_SayingHowManyDaysAreLeft()
    {
        var warning = Assert.Single(CalendarHorizon.Check(Only2026, "flows/calendar.yaml", new DateOnly(2026, 12, 3)));

        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("flows/calendar.yaml", warning.Path);
        Assert.Equal(0, warning.Line);
        Assert.Contains("2027, which starts in 29 days", warning.Message);
        Assert.Contains("State Council", warning.Message);
    }

    [Fact]
    public void Check_TheCurrentYearMissing_SaysSo()
        => Assert.Contains("2027, the current year", Assert.Single(CalendarHorizon.Check(Only2026, "c.yaml", new DateOnly(2027, 3, 1))).Message);

    [Fact]
    public void TheShippedFlowSet_On2026_12_03_WarnsAbout2027_AndInOctoberDoesNot()
    {
        var flows = Path.Combine(RepoPaths.Root, "flows");
        var prompts = Path.Combine(RepoPaths.Root, "prompts", "zh-CN");

        var december = FlowSetLoader.Load(flows, prompts, clock: new FixedClock(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero)));
        var october = FlowSetLoader.Load(flows, prompts, clock: new FixedClock(new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.Zero)));

        var warning = Assert.Single(december.Diagnostics, d => d.Message.Contains("2027", StringComparison.Ordinal));
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.EndsWith("calendar.yaml", warning.Path);
        Assert.NotNull(december.Set); // a warning, the set still loads and serves
        Assert.DoesNotContain(october.Diagnostics, d => d.Message.Contains("holiday schedule", StringComparison.Ordinal));
    }

    private static ServiceCalendar Parse(string holidays)
    {
        var result = CalendarFile.Parse($"""
            utc_offset: "+08:00"
            schedules:
              agents:
                hours:
                  weekdays: [08:00-20:00]
            {holidays}
            """, "calendar.yaml");
        Assert.Empty(result.Diagnostics);
        return result.Calendar!;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
