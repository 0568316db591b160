namespace Ivr.Core.Calendar;

/// <summary>
/// Named opening hours per weekday (e.g. <c>agents</c>: Monday–Friday 08:00–12:00 and 13:00–20:00).
/// When <see cref="ObservesHolidays"/> is false (self-service) public holidays do not close it.
/// Ranges of one day must not overlap.
/// </summary>
public sealed class WeeklySchedule
{
    private readonly Dictionary<DayOfWeek, IReadOnlyList<TimeRange>> _hours;

    public WeeklySchedule(string name, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<TimeRange>> hours, bool observesHolidays = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _hours = [];
        foreach (var (day, ranges) in hours)
        {
            var sorted = ranges.OrderBy(r => r.Start).ToArray();
            for (var i = 1; i < sorted.Length; i++)
            {
                if (sorted[i - 1].Overlaps(sorted[i]))
                    throw new ArgumentException($"schedule '{name}': {day} ranges {sorted[i - 1]} and {sorted[i]} overlap");
            }

            _hours[day] = sorted;
        }

        Name = name;
        ObservesHolidays = observesHolidays;
    }

    public string Name { get; }

    public bool ObservesHolidays { get; }

    /// <summary>Open every minute of every day, holidays included (self-service).</summary>
    public static WeeklySchedule Always(string name) =>
        new(name, Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<TimeRange>)[TimeRange.WholeDay]), observesHolidays: false);

    /// <summary>The ranges of one weekday, earliest first; empty when closed all day.</summary>
    public IReadOnlyList<TimeRange> HoursOn(DayOfWeek day) => _hours.TryGetValue(day, out var ranges) ? ranges : [];

    public bool IsOpen(DayOfWeek day, TimeSpan timeOfDay) => HoursOn(day).Any(r => r.Contains(timeOfDay));
}
