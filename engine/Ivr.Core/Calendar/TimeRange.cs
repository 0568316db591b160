namespace Ivr.Core.Calendar;

/// <summary>
/// Opening hours within one local day: from <see cref="Start"/> (inclusive) to <see cref="End"/>
/// (exclusive). <see cref="End"/> may be 24:00 for "until midnight".
/// </summary>
public readonly record struct TimeRange
{
    public static readonly TimeSpan EndOfDay = TimeSpan.FromHours(24);

    public TimeRange(TimeSpan start, TimeSpan end)
    {
        if (start < TimeSpan.Zero || end > EndOfDay || start >= end)
            throw new ArgumentException($"time range {Format(start)}-{Format(end)} must satisfy 00:00 <= start < end <= 24:00");
        Start = start;
        End = end;
    }

    public TimeSpan Start { get; }

    public TimeSpan End { get; }

    public static TimeRange WholeDay => new(TimeSpan.Zero, EndOfDay);

    public bool Contains(TimeSpan timeOfDay) => timeOfDay >= Start && timeOfDay < End;

    public bool Overlaps(TimeRange other) => Start < other.End && other.Start < End;

    public override string ToString() => $"{Format(Start)}-{Format(End)}";

    private static string Format(TimeSpan t) => $"{(int)t.TotalHours:D2}:{t.Minutes:D2}";
}
