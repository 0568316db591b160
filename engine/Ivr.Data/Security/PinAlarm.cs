namespace Ivr.Data.Security;

/// <summary>
/// One alert on a caller number (<see cref="Kind"/> <c>caller</c>, <see cref="CallerMasked"/>) or SIP source
/// (<c>source</c>, <see cref="Source"/>) that locked <see cref="IdsLocked"/> distinct IDs within the alert window
/// (<c>pin_alarms</c>): raised when it crossed the threshold, its locks from <see cref="FirstLockAt"/> to
/// <see cref="LastLockAt"/>, how its page went, and who acknowledged it. <see cref="OriginKey"/> (the number's keyed
/// hash, <see cref="PinCallerKey"/>, or the source) groups its locks; it is never shown. Nothing in clear.
/// </summary>
public sealed record PinAlarm(
    long Id, string Kind, string OriginKey, string? CallerMasked, string? Source, DateTimeOffset RaisedAt,
    DateTimeOffset FirstLockAt, DateTimeOffset LastLockAt, int IdsLocked, string LastCallId,
    string PageState, int PageTries, DateTimeOffset? PagedAt,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? AckComment)
{
    public const string ByCaller = "caller";
    public const string BySource = "source";

    public const string Pending = "pending";
    public const string Paged = "paged";
    public const string GivenUp = "given_up";

    public const string Open = "open";
    public const string Acknowledged = "acknowledged";

    /// <summary>The IDs the origin locked from <see cref="FirstLockAt"/> to <see cref="LastLockAt"/>, masked, one per
    /// distinct ID, newest first (filled when read for the console).</summary>
    public IReadOnlyList<string> IdsMasked { get; init; } = [];

    /// <summary><see cref="Open"/> until a supervisor acknowledges it.</summary>
    public string State => AcknowledgedAt is null ? Open : Acknowledged;

    /// <summary>How the alert names its origin: the masked number or the source address.</summary>
    public string Shown => Kind == ByCaller ? $"caller {CallerMasked}" : $"source {Source}";
}
