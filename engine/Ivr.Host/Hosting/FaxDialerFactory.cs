using Ivr.Core.Fax;
using Ivr.Fax;
using Ivr.Telephony.Fax;
using Ivr.Telephony.Outbound;

namespace Ivr.Host.Hosting;

/// <summary>
/// The one place <c>ivr serve</c> gets its <see cref="IFaxDialer"/> for scheduled faxes (定时传真): T.30 with
/// spandsp over calls placed by the server's <see cref="OutboundDialer"/> (through deploy/trunk.yaml's trunk).
/// Without libspandsp2 it is the unavailable dialer: jobs are queued, tried and recorded as unavailable, and the
/// log says how to install the library.
/// </summary>
public static class FaxDialerFactory
{
    public static IFaxDialer Create(OutboundDialer dialer, FaxSessionOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(dialer);
        if (FaxLibrary.Problem is { } problem)
        {
            log($"fax: scheduled faxes are queued but cannot be dialled: {problem}");
            return new FaxUnavailableDialer(problem);
        }

        log(dialer.Trunk is null
            ? "fax: no SIP trunk (deploy/trunk.yaml): scheduled faxes to numbers fail until one is configured"
            : "fax: scheduled faxes dial through the SIP trunk (T.30 over G.711, ECM on)");
        return new FaxDialer(dialer, options, log: log);
    }
}
