namespace Ivr.Core.Calendar;

/// <summary>What a schedule says about one moment.</summary>
public enum HoursStatus
{
    Open,
    Closed,

    /// <summary>A public holiday the schedule observes: closed, and callers may hear a holiday greeting.</summary>
    Holiday,
}
