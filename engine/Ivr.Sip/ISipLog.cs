namespace Ivr.Sip;

/// <summary>
/// The narrow logging seam of the SIP layer (the assembly takes no logging package).
/// The host adapts it to its logger. Implementations must be thread-safe.
/// </summary>
public interface ISipLog
{
    void Info(string message);

    void Warning(string message);
}
