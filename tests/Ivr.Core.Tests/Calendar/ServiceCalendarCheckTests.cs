using Ivr.Core.Calendar;
using static Ivr.Core.Tests.Calendar.Calendars;

namespace Ivr.Core.Tests.Calendar;

public sealed class ServiceCalendarCheckTests
{
    private readonly ServiceCalendar _calendar = Year2026();

    [Theory]
    [InlineData("2026-11-23 07:59", HoursStatus.Closed)]  // Monday, before opening
    [InlineData("2026-11-23 08:00", HoursStatus.Open)]
    [InlineData("2026-11-23 11:59", HoursStatus.Open)]
    [InlineData("2026-11-23 12:00", HoursStatus.Closed)]  // lunch break
    [InlineData("2026-11-23 12:59", HoursStatus.Closed)]
    [InlineData("2026-11-23 13:00", HoursStatus.Open)]
    [InlineData("2026-11-23 19:59", HoursStatus.Open)]
    [InlineData("2026-11-23 20:00", HoursStatus.Closed)]
    [InlineData("2026-11-27 10:00", HoursStatus.Open)]    // Friday
    [InlineData("2026-11-28 10:00", HoursStatus.Closed)]  // Saturday
    [InlineData("2026-11-29 10:00", HoursStatus.Closed)]  // Sunday
    [InlineData("2026-10-01 10:00", HoursStatus.Holiday)] // National Day, a Thursday
    [InlineData("2026-10-04 10:00", HoursStatus.Holiday)] // a Sunday inside the holiday
    [InlineData("2026-10-07 19:00", HoursStatus.Holiday)]
    [InlineData("2026-10-08 09:00", HoursStatus.Open)]    // first day back
    [InlineData("2026-10-10 09:00", HoursStatus.Open)]    // make-up Saturday: weekday hours
    [InlineData("2026-10-10 12:30", HoursStatus.Closed)]  // ... with the lunch break
    [InlineData("2026-09-20 19:00", HoursStatus.Open)]    // make-up Sunday
    [InlineData("2026-02-14 08:00", HoursStatus.Open)]    // make-up Saturday before Spring Festival
    [InlineData("2026-02-15 08:00", HoursStatus.Holiday)]
    [InlineData("2026-02-23 23:59", HoursStatus.Holiday)]
    [InlineData("2026-02-24 08:00", HoursStatus.Open)]
    public void Check_Agents_FollowsHoursHolidaysAndMakeUpDays(string beijing, HoursStatus expected) =>
        Assert.Equal(expected, _calendar.Check("agents", Beijing(beijing)));

    [Theory]
    [InlineData("2026-11-23 03:00")]
    [InlineData("2026-11-29 23:59")]
    [InlineData("2026-10-01 10:00")]
    [InlineData("2026-02-17 00:00")]
    public void Check_SelfService_AlwaysOpenEvenOnHolidays(string beijing) =>
        Assert.Equal(HoursStatus.Open, _calendar.Check("self_service", Beijing(beijing)));

    [Fact]
    public void Check_UtcInstant_IsJudgedInBeijingTime()
    {
        // 2026-09-30 16:30 UTC is 2026-10-01 00:30 in Beijing: already National Day.
        Assert.Equal(HoursStatus.Holiday, _calendar.Check("agents", new DateTimeOffset(2026, 9, 30, 16, 30, 0, TimeSpan.Zero)));
        // 2026-11-23 00:30 UTC is 08:30 on a Monday in Beijing.
        Assert.Equal(HoursStatus.Open, _calendar.Check("agents", new DateTimeOffset(2026, 11, 23, 0, 30, 0, TimeSpan.Zero)));
        // 2026-11-23 12:00 UTC is 20:00 in Beijing: closed.
        Assert.Equal(HoursStatus.Closed, _calendar.Check("agents", new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Check_UnknownSchedule_ThrowsNamingKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => _calendar.Check("agent", Beijing("2026-11-23 09:00")));
        Assert.Contains("agents", error.Message);
    }

    [Fact]
    public void HolidayOn_DateInsideHoliday_ReturnsItsName()
    {
        Assert.Equal("春节", _calendar.HolidayOn(D("2026-02-18"))?.Name);
        Assert.Null(_calendar.HolidayOn(D("2026-02-24")));
    }

    [Fact]
    public void Check_InjectedClock_UsesItsTime()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 10, 7, 15, 59, 0, TimeSpan.Zero)); // 23:59 Beijing, last holiday day
        Assert.Equal(HoursStatus.Holiday, _calendar.Check("agents", clock));
        Assert.Equal(D("2026-10-07"), _calendar.Today(clock));

        clock.Now = new DateTimeOffset(2026, 10, 8, 0, 0, 0, TimeSpan.Zero); // 08:00 Beijing, first working day
        Assert.Equal(HoursStatus.Open, _calendar.Check("agents", clock));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
