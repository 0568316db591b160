namespace Ivr.Core.Fax;

/// <summary>
/// Dials a fax number through the configured trunk and sends a document (定时传真's delivery).
/// Implementations never log the number in clear.
/// </summary>
public interface IFaxDialer
{
    Task<FaxResult> SendAsync(string number, string tiffPath, CancellationToken cancellation);
}
