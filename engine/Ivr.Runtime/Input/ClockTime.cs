namespace Ivr.Runtime.Input;

/// <summary>A time of day keyed as four digits HHMM (1530 for 15:30), 0000 to 2359.</summary>
public static class ClockTime
{
    public static string? Problem(ReadOnlySpan<char> entry)
    {
        if (entry.Length != 4) return "must be 4 digits, hours and minutes (1530)";
        foreach (var c in entry)
            if (!char.IsAsciiDigit(c)) return "digits only";
        var hours = (entry[0] - '0') * 10 + entry[1] - '0';
        var minutes = (entry[2] - '0') * 10 + entry[3] - '0';
        if (hours > 23) return "the hour must be 00 to 23";
        return minutes > 59 ? "the minutes must be 00 to 59" : null;
    }

    /// <summary>The time <paramref name="entry"/> names; call only when <see cref="Problem"/> is null.</summary>
    public static TimeOnly Parse(ReadOnlySpan<char> entry) =>
        new((entry[0] - '0') * 10 + entry[1] - '0', (entry[2] - '0') * 10 + entry[3] - '0');
}
