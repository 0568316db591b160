namespace Ivr.Data.Security;

/// <summary>
/// Limits on PIN checks beside the per-ID lockout, so that nobody can guess across IDs: wrong PINs
/// per caller number within <see cref="CallerWindow"/> (all IDs together), and distinct IDs one call
/// may have checked. Beyond either, checks are refused before any hash runs and the flows hand the
/// caller to an agent. A withheld number is one caller number (all withheld callers share it).
/// </summary>
public sealed record PinThrottleRules
{
    public static readonly PinThrottleRules Default = new();

    /// <summary>Wrong PINs one caller number may type within <see cref="CallerWindow"/>.</summary>
    public int FailuresPerCaller { get; init; } = 10;

    public TimeSpan CallerWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Distinct IDs one call may have checked; another one goes to an agent.</summary>
    public int IdsPerCall { get; init; } = 2;

    /// <summary>IDs locked by checks from one caller number within <see cref="AlertWindow"/> that raise a console alert.</summary>
    public int LockedIdsForAlert { get; init; } = 2;

    public TimeSpan AlertWindow { get; init; } = TimeSpan.FromHours(24);
}
