using Ivr.Core.Calendar;
using static Ivr.Core.Tests.Calendar.Calendars;

namespace Ivr.Core.Tests.Calendar;

public sealed class ServiceCalendarWorkingDayTests
{
    private readonly ServiceCalendar _calendar = Year2026();

    [Theory]
    [InlineData("2026-11-23", true)]  // Monday
    [InlineData("2026-11-28", false)] // Saturday
    [InlineData("2026-01-01", false)] // New Year's Day, Thursday
    [InlineData("2026-01-04", true)]  // make-up Sunday
    [InlineData("2026-02-14", true)]  // make-up Saturday
    [InlineData("2026-02-23", false)] // Monday inside Spring Festival
    [InlineData("2026-04-06", false)] // Qingming Monday
    [InlineData("2026-05-05", false)]
    [InlineData("2026-05-09", true)]
    [InlineData("2026-09-25", false)] // Mid-Autumn Friday
    [InlineData("2026-10-10", true)]
    public void IsWorkingDay_FollowsNationalCalendar(string date, bool working) =>
        Assert.Equal(working, _calendar.IsWorkingDay(D(date)));

    [Theory]
    [InlineData("2026-11-23", 5, "2026-11-30")] // Monday → next Monday
    [InlineData("2026-11-27", 5, "2026-12-04")] // Friday → next Friday
    [InlineData("2026-11-28", 1, "2026-11-30")] // from a Saturday
    [InlineData("2026-02-13", 5, "2026-02-27")] // Friday before Spring Festival: make-up 2/14 counts, then 9 days off
    [InlineData("2026-09-29", 5, "2026-10-12")] // before National Day: 9/30, 10/8, 10/9, make-up 10/10, 10/12
    [InlineData("2026-09-18", 5, "2026-09-24")] // make-up Sunday 9/20 counts
    [InlineData("2026-04-03", 5, "2026-04-13")] // Friday before Qingming (Sat–Mon)
    [InlineData("2026-04-30", 5, "2026-05-11")] // before Labour Day; make-up Saturday 5/9 counts
    [InlineData("2025-12-31", 1, "2026-01-04")] // the make-up Sunday right after New Year
    [InlineData("2026-11-23", 0, "2026-11-23")]
    public void AddWorkingDays_CountsAcrossHolidays(string from, int days, string expected) =>
        Assert.Equal(D(expected), _calendar.AddWorkingDays(D(from), days));

    [Fact]
    public void AddWorkingDays_FridayBeforeSevenDayHoliday_LandsAfterIt()
    {
        var calendar = new ServiceCalendar(
            China, [Agents()], [new PublicHoliday("假期", D("2027-10-04"), D("2027-10-10"))]);
        // Friday 2027-10-01 + 5 working days: the whole week of 10-04 is off → 10-11 … 10-15.
        Assert.Equal(D("2027-10-15"), calendar.AddWorkingDays(D("2027-10-01"), 5));
    }

    [Fact]
    public void AddWorkingDays_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.AddWorkingDays(D("2026-11-23"), -1));

    [Fact]
    public void Constructor_OverlappingHolidays_Throws() =>
        Assert.Throws<ArgumentException>(() => new ServiceCalendar(China, [Agents()],
            [new PublicHoliday("a", D("2026-10-01"), D("2026-10-07")), new PublicHoliday("b", D("2026-10-07"), D("2026-10-08"))]));

    [Fact]
    public void Constructor_MakeUpDayInsideHoliday_Throws() =>
        Assert.Throws<ArgumentException>(() => new ServiceCalendar(China, [Agents()],
            [new PublicHoliday("a", D("2026-10-01"), D("2026-10-07"))], [new MakeUpWorkingDay(D("2026-10-03"), "x")]));

    [Fact]
    public void WeeklySchedule_OverlappingRanges_Throws() =>
        Assert.Throws<ArgumentException>(() => new WeeklySchedule("x", new Dictionary<DayOfWeek, IReadOnlyList<TimeRange>>
        {
            [DayOfWeek.Monday] = [Range("08:00", "12:00"), Range("11:00", "13:00")],
        }));

    [Theory]
    [InlineData(720, 480)]
    [InlineData(480, 480)]
    [InlineData(480, 1441)]
    [InlineData(-1, 480)]
    public void TimeRange_InvalidBounds_Throws(int startMinute, int endMinute) =>
        Assert.Throws<ArgumentException>(() => new TimeRange(TimeSpan.FromMinutes(startMinute), TimeSpan.FromMinutes(endMinute)));
}
