namespace Ivr.Data.Security;

/// <summary>China Standard Time (UTC+08:00, no daylight saving): the hotline's calendar day.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToChina(DateTimeOffset at) => at.ToOffset(Offset);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ToChina(time.GetUtcNow()).DateTime);

    /// <summary>The next 00:00 China time strictly after <paramref name="at"/>.</summary>
    public static DateTimeOffset NextMidnight(DateTimeOffset at)
    {
        var local = ToChina(at);
        return new DateTimeOffset(local.Date.AddDays(1), Offset);
    }
}
