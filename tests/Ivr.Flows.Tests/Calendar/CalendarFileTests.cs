using Ivr.Core.Calendar;
using Ivr.Flows.Calendar;
using Ivr.Flows.Validation;

namespace Ivr.Flows.Tests.Calendar;

public sealed class CalendarFileTests
{
    private const string Path = "flows/calendar.yaml";

    private const string Valid = """
        utc_offset: "+08:00"
        schedules:
          agents:
            hours:
              weekdays: [08:00-12:00, 13:00-20:00]
              saturday: [09:00-12:00]
          self_service:
            observes_holidays: false
            hours:
              every_day: [00:00-24:00]
        holidays:
          - { name: 国庆节, from: 2026-10-01, to: 2026-10-07 }
        make_up_working_days:
          - { date: 2026-10-10, name: 国庆节调休上班 }
        """;

    private static DateTimeOffset Beijing(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Parse_ValidFile_BuildsWorkingCalendar()
    {
        var result = CalendarFile.Parse(Valid, Path);

        Assert.Empty(result.Diagnostics);
        var calendar = result.Calendar!;
        Assert.Equal(TimeSpan.FromHours(8), calendar.UtcOffset);
        Assert.Equal(HoursStatus.Open, calendar.Check("agents", Beijing(11, 23, 8)));
        Assert.Equal(HoursStatus.Closed, calendar.Check("agents", Beijing(11, 23, 12, 30)));
        Assert.Equal(HoursStatus.Open, calendar.Check("agents", Beijing(11, 28, 9)));   // Saturday hours
        Assert.Equal(HoursStatus.Closed, calendar.Check("agents", Beijing(11, 29, 9))); // Sunday
        Assert.Equal(HoursStatus.Holiday, calendar.Check("agents", Beijing(10, 2, 9)));
        Assert.Equal(HoursStatus.Open, calendar.Check("self_service", Beijing(10, 2, 3)));
        Assert.Equal(HoursStatus.Open, calendar.Check("agents", Beijing(10, 10, 19)));  // make-up Saturday: Monday hours
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));
    }

    [Fact]
    public void Parse_EveryProblem_ReportedAtOnceWithLocations()
    {
        var yaml = """
            utc_offset: "+8"
            colour: blue
            schedules:
              agents:
                hours:
                  sunday: [08:00-12:00, 11:00-13:00]
                  weekdays: [08:00-12:00]
                  funday: [08:00-09:00]
                  monday: [09:00-10:00]
                  saturday: [12:00-08:00, 25:00-26:00, 8-9]
                opening: yes
            holidays:
              - { name: 国庆节, from: 2026-10-07, to: 2026-10-01 }
              - { name: 中秋节, from: 2026-09-25, to: 2026-09-27, extra: 1 }
              - { name: 春节, from: 2026-02-30, to: 2026-02-23 }
            make_up_working_days:
              - { date: 2026-09-26 }
            """;

        var result = CalendarFile.Parse(yaml, Path);

        Assert.Null(result.Calendar);
        var lines = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith($"{Path}:1:13: error: 'utc_offset' must look like \"+08:00\""));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:2:1: error: unknown field 'colour'"));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:6:29: error: time range 11:00-13:00 overlaps 08:00-12:00"));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:8:7: error: unknown day 'funday'") && l.Contains("monday, tuesday"));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:9:7: error: Monday is given twice in schedule 'agents' (by 'weekdays' and 'monday')"));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:10:18: error: bad time range '12:00-08:00': the end is not after the start"));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:10:31: error: bad time range '25:00-26:00'"));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:10:44: error: bad time range '8-9': not in the form HH:MM-HH:MM"));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:11:5: error: unknown field 'opening' in schedule 'agents'"));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:13:40: error: holiday '国庆节' ends (2026-10-01) before it starts (2026-10-07)"));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:14:52: error: unknown field 'extra' in a holiday"));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:15:23: error: '2026-02-30' is not a date"));
        Assert.Contains(lines, l => l.StartsWith($"{Path}:17:5: error: make-up working day 2026-09-26 falls inside holiday '中秋节'"));
        Assert.Equal(13, lines.Count);
        Assert.All(result.Diagnostics, d => Assert.True(d.Line > 0 && d.Column > 0, d.ToString()));
    }

    [Fact]
    public void Parse_HolidaysOverlapOrOutOfOrder_ErrorAndWarning()
    {
        var yaml = """
            utc_offset: "+08:00"
            schedules:
              agents: { hours: { weekdays: [08:00-20:00] } }
            holidays:
              - { name: 国庆节, from: 2026-10-01, to: 2026-10-07 }
              - { name: 中秋节, from: 2026-09-25, to: 2026-10-01 }
            make_up_working_days:
              - { date: 2026-10-10 }
              - { date: 2026-10-03 }
              - { date: 2026-10-09 }
              - { date: 2026-10-10 }
            """;

        var result = CalendarFile.Parse(yaml, Path);

        var messages = result.Diagnostics.Select(d => (d.Line, d.Severity, d.Message)).ToList();
        Assert.Contains(messages, m => m.Line == 6 && m.Severity == Severity.Warning && m.Message.Contains("keep the list in date order"));
        Assert.Contains(messages, m => m.Line == 5 && m.Severity == Severity.Error && m.Message.Contains("'国庆节' overlaps '中秋节'"));
        Assert.Contains(messages, m => m.Line == 9 && m.Severity == Severity.Error && m.Message.Contains("falls inside holiday '国庆节'"));
        Assert.Contains(messages, m => m.Line == 10 && m.Severity == Severity.Warning && m.Message.Contains("is a Friday"));
        Assert.Contains(messages, m => m.Line == 11 && m.Severity == Severity.Error && m.Message.Contains("listed twice"));
    }

    [Fact]
    public void Parse_MissingSections_NamesThem()
    {
        var result = CalendarFile.Parse("holidays: []\n", Path);

        Assert.Contains(result.Diagnostics, d => d.Message.Contains("missing 'utc_offset'"));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("missing 'schedules'"));
    }

    [Fact]
    public void Parse_DuplicateScheduleName_IsAnError()
    {
        var yaml = "utc_offset: \"+08:00\"\nschedules:\n  agents: { hours: { weekdays: [] } }\n  agents: { hours: { weekend: [] } }\n";

        var error = Assert.Single(CalendarFile.Parse(yaml, Path).Diagnostics);

        Assert.Equal($"{Path}:4:3: error: duplicate key 'agents' (first at line 3); remove or rename one of them", error.ToString());
    }

    [Fact]
    public void Load_CommittedCalendar_Has2026NoticeAndServiceHours()
    {
        var result = CalendarFile.Load(System.IO.Path.Combine(Prompts.RepositoryFiles.Root, "flows", "calendar.yaml"));

        Assert.Empty(result.Diagnostics);
        var calendar = result.Calendar!;
        Assert.Equal(["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"], calendar.Holidays.Select(h => h.Name));
        Assert.Equal([3, 9, 3, 5, 3, 3, 7], calendar.Holidays.Select(h => h.Days));
        Assert.Equal(6, calendar.MakeUpWorkingDays.Count);
        Assert.Equal(HoursStatus.Open, calendar.Check("agents", Beijing(11, 23, 19, 59)));
        Assert.Equal(HoursStatus.Closed, calendar.Check("agents", Beijing(11, 23, 12, 0)));
        Assert.Equal(HoursStatus.Holiday, calendar.Check("agents", Beijing(2, 17, 10)));
        Assert.Equal(HoursStatus.Open, calendar.Check("self_service", Beijing(2, 17, 10)));
        // Friday before Spring Festival: make-up Saturday 2-14 counts, then nine days off.
        Assert.Equal(new DateOnly(2026, 2, 27), calendar.AddWorkingDays(new DateOnly(2026, 2, 13), 5));
        Assert.Equal(new DateOnly(2026, 10, 12), calendar.AddWorkingDays(new DateOnly(2026, 9, 29), 5));
    }
}
