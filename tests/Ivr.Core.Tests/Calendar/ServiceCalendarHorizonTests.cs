using Ivr.Core.Calendar;
using static Ivr.Core.Tests.Calendar.Calendars;

namespace Ivr.Core.Tests.Calendar;

/// <summary>Working-day counts that run past the last year the calendar lists are marked as estimates (issue 15, item 7).</summary>
public sealed class ServiceCalendarHorizonTests
{
    private readonly ServiceCalendar _calendar = Year2026();

    [Theory]
    [InlineData(2026, true)]
    [InlineData(2025, false)]
    [InlineData(2027, false)]
    public void CoversYear_OnlyYearsWithHolidaysOrMakeUpDays(int year, bool covered) =>
        Assert.Equal(covered, _calendar.CoversYear(year));

    [Fact]
    public void CoversYear_HolidayReachingIntoTheYear_Counts()
    {
        var calendar = new ServiceCalendar(China, [Agents()], [new PublicHoliday("元旦", D("2027-12-31"), D("2028-01-02"))]);

        Assert.True(calendar.CoversYear(2027));
        Assert.True(calendar.CoversYear(2028));
    }

    [Fact]
    public void CountWorkingDays_InsideTheCalendar_IsNotAnEstimate() =>
        Assert.Equal(new WorkingDayDate(D("2026-10-12"), false), _calendar.CountWorkingDays(D("2026-09-29"), 5));

    [Fact]
    public void CountWorkingDays_IntoAYearTheCalendarLacks_IsMarkedAndCountsWeekendsOnly()
    {
        // Monday 2026-12-28 + 5: 12-29, 12-30, 12-31, then 2027 without its New Year holiday: 01-01 (Friday), 01-04.
        var due = _calendar.CountWorkingDays(D("2026-12-28"), 5);

        Assert.Equal(new WorkingDayDate(D("2027-01-04"), true), due);
    }

    [Fact]
    public void CountWorkingDays_StartingOnTheLastDayOfTheCalendar_CountsFromTheNextDay() =>
        Assert.True(_calendar.CountWorkingDays(D("2026-12-31"), 1).BeyondCalendar);

    [Fact]
    public void CountWorkingDays_FromAnUncoveredYearIntoACoveredOne_IsNotMarked() =>
        // From New Year's Eve 2025: every counted day lies in 2026.
        Assert.Equal(new WorkingDayDate(D("2026-01-04"), false), _calendar.CountWorkingDays(D("2025-12-31"), 1));

    [Fact]
    public void CountWorkingDays_WholeCountInAMissingYear_IsMarked() =>
        Assert.True(_calendar.CountWorkingDays(D("2027-03-01"), 5).BeyondCalendar);

    [Fact]
    public void CountWorkingDays_Zero_IsTheDayItselfAndNoEstimate() =>
        Assert.Equal(new WorkingDayDate(D("2027-03-01"), false), _calendar.CountWorkingDays(D("2027-03-01"), 0));

    [Fact]
    public void CountWorkingDays_SameDateAsAddWorkingDays() =>
        Assert.Equal(_calendar.AddWorkingDays(D("2026-12-24"), 10), _calendar.CountWorkingDays(D("2026-12-24"), 10).Date);
}
