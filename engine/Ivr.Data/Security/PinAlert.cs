namespace Ivr.Data.Security;

/// <summary>
/// One caller number (<see cref="Kind"/> <c>caller</c>, <see cref="CallerMasked"/>) or SIP source address (<c>source</c>,
/// <see cref="Source"/>) whose PIN checks locked <see cref="IdsLocked"/> distinct IDs within the alert window: the first
/// and last of those locks, the IDs masked (<c>110105********002X</c>, one per distinct ID, newest first) and the call
/// of the last lock. Never a number or an ID in clear.
/// </summary>
public sealed record PinAlert(
    string Kind, string? CallerMasked, string? Source, int IdsLocked, DateTimeOffset FirstLockAt, DateTimeOffset LastLockAt,
    IReadOnlyList<string> IdsMasked, string LastCallId)
{
    public const string ByCaller = "caller";
    public const string BySource = "source";
}
