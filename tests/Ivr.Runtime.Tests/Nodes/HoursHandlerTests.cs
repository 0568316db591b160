using Ivr.Core.Calendar;
using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Nodes;

// The loader does not read calendar.yaml yet (FlowSetLoader.LoadCalendar returns null), so the
// calendar is built here and the flow set made directly.
public sealed class HoursHandlerTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static ServiceCalendar Calendar()
    {
        IReadOnlyList<TimeRange> day = [new(TimeSpan.FromHours(8), TimeSpan.FromHours(12)), new(TimeSpan.FromHours(13), TimeSpan.FromHours(20))];
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .ToDictionary(d => d, _ => day);
        return new ServiceCalendar(Beijing,
            [new WeeklySchedule("agents", weekdays)],
            [new PublicHoliday("national day", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 7))],
            [new MakeUpWorkingDay(new DateOnly(2026, 10, 10), "national day make-up")]);
    }

    private static CallHarness Call(DateTimeOffset at, bool holidayBranch = true, string schedule = "agents")
    {
        var model = new ModelBuilder();
        model.Add(new HoursNode
        {
            Name = "check",
            Flow = "main",
            Location = model.At(),
            Schedule = schedule,
            Open = model.To("open"),
            Closed = model.To("closed"),
            Holiday = holidayBranch ? model.To("holiday") : null,
        });
        model.Hangup("open", "open_msg");
        model.Hangup("closed", "closed_msg");
        model.Hangup("holiday", "holiday_msg");
        return new CallHarness(model.Build(Calendar()), at: at).Start();
    }

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Beijing);

    [Theory]
    [InlineData(11, 23, 10, 0, "open")] // Monday morning
    [InlineData(11, 23, 8, 0, "open")] // opening minute
    [InlineData(11, 23, 12, 30, "closed")] // lunch
    [InlineData(11, 23, 20, 0, "closed")] // closing minute
    [InlineData(11, 22, 10, 0, "closed")] // Sunday
    [InlineData(10, 2, 10, 0, "holiday")] // national day, a Friday
    [InlineData(10, 10, 10, 0, "open")] // make-up Saturday
    public void Hours_TakesTheBranchOfTheCalendar(int month, int day, int hour, int minute, string branch)
    {
        var call = Call(Local(month, day, hour, minute));

        Assert.Equal($"main.{branch}", call.Call.Current?.Id);
    }

    [Fact]
    public void Hours_UsesTheHotlinesTime_NotUtc()
    {
        // 01:00 UTC is 09:00 in Beijing.
        var call = Call(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));

        Assert.Equal("main.open", call.Call.Current?.Id);
    }

    [Fact]
    public void Hours_HolidayWithoutHolidayBranch_IsClosed() =>
        Assert.Equal("main.closed", Call(Local(10, 2, 10), holidayBranch: false).Call.Current?.Id);

    [Fact]
    public void Hours_UnknownSchedule_IsClosed() =>
        Assert.Equal("main.closed", Call(Local(11, 23, 10), schedule: "nights").Call.Current?.Id);
}
