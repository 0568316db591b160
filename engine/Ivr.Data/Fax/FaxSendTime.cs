using System.Globalization;
using Ivr.Data.Security;

namespace Ivr.Data.Fax;

/// <summary>
/// When a scheduled fax goes out, from what the caller chose: <c>now</c>, or <c>today</c> /
/// <c>tomorrow</c> at HHMM (China time). The time must lie within the allowed hours, and a time
/// today must still be ahead; "now" outside the allowed hours is refused too (nobody wants a fax
/// machine ringing at midnight).
/// </summary>
public static class FaxSendTime
{
    public const string Now = "now";
    public const string Today = "today";
    public const string Tomorrow = "tomorrow";

    public static FaxSendTimeResult Resolve(string day, string time, DateTimeOffset now, FaxSettings settings)
    {
        var local = ChinaTime.ToChina(now);
        DateTimeOffset due;
        switch (day)
        {
            case Now:
                due = now;
                break;
            case Today or Tomorrow:
                if (!TryParse(time, out var at)) return FaxSendTimeResult.Invalid($"time must be HHMM (0000-2359)");
                var date = DateOnly.FromDateTime(local.DateTime).AddDays(day == Tomorrow ? 1 : 0);
                due = new DateTimeOffset(date.ToDateTime(at), ChinaTime.Offset);
                break;
            default:
                return FaxSendTimeResult.Invalid($"day must be {Now}, {Today} or {Tomorrow}");
        }

        var clock = TimeOnly.FromDateTime(ChinaTime.ToChina(due).DateTime);
        if (clock < settings.AllowedFrom || clock > settings.AllowedUntil) return new FaxSendTimeResult(FaxSendTimeOutcome.OutsideHours, due);
        if (day != Now && due <= now) return new FaxSendTimeResult(FaxSendTimeOutcome.Past, due);
        return new FaxSendTimeResult(FaxSendTimeOutcome.Ok, due);
    }

    private static bool TryParse(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
