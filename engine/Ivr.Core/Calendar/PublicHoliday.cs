namespace Ivr.Core.Calendar;

/// <summary>A public holiday (放假) from <see cref="First"/> to <see cref="Last"/>, both included.</summary>
public sealed record PublicHoliday
{
    public PublicHoliday(string name, DateOnly first, DateOnly last)
    {
        if (last < first) throw new ArgumentException($"holiday '{name}' ends ({last:yyyy-MM-dd}) before it starts ({first:yyyy-MM-dd})");
        Name = name;
        First = first;
        Last = last;
    }

    public string Name { get; }

    public DateOnly First { get; }

    public DateOnly Last { get; }

    public int Days => Last.DayNumber - First.DayNumber + 1;

    public bool Contains(DateOnly date) => date >= First && date <= Last;
}
