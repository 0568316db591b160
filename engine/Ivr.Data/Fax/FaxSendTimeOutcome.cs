namespace Ivr.Data.Fax;

/// <summary>Whether a chosen send time is accepted, and if not, why.</summary>
public enum FaxSendTimeOutcome
{
    Ok,
    OutsideHours,
    Past,
    Invalid,
}
