namespace Ivr.OperationsConsole.Callers;

/// <summary>Pages supervisors about an emergency voice message. <see cref="Page"/> returns at once: delivery (with its
/// retries) runs in the background and never holds up the console request that marked the message.</summary>
public interface IEmergencyPager
{
    void Page(EmergencyPage page);
}
