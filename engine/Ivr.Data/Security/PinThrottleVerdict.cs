namespace Ivr.Data.Security;

/// <summary>Whether a PIN check may go ahead, and if not, which limit refused it.</summary>
public enum PinThrottleVerdict
{
    Allowed,
    CallerLimit,
    CallLimit,
}
