namespace Ivr.Data.Services;

/// <summary>Outcomes of the service operations beyond <c>ok</c>, <c>not_found</c> and <c>error</c>.</summary>
public static class ServiceOutcomes
{
    /// <summary>Wrong PIN — or an unknown ID: the two are never told apart.</summary>
    public const string Denied = "denied";
    public const string Locked = "locked";
    public const string AlreadyLost = "already_lost";
    public const string Weak = "weak";

    /// <summary>A PIN check refused before it ran: the caller number has typed too many wrong PINs
    /// today, or the call has already tried as many IDs as one call may. The flows hand the caller to an agent.</summary>
    public const string Throttled = "throttled";
}
