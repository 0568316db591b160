using Ivr.Core.Fax;

namespace Ivr.Host.Hosting;

/// <summary>
/// The one place <c>ivr serve</c> gets its <see cref="IFaxDialer"/> for scheduled faxes (定时传真).
/// Until the T.30 media and the SIP UAC dialer are plugged in here, it is the unavailable dialer:
/// jobs are queued, tried and recorded as unavailable, and the log says why.
/// </summary>
public static class FaxDialerFactory
{
    public const string UnavailableReason = "no fax dialer is installed in this build (T.30 over SIP needs libspandsp2: apt-get install libspandsp2)";

    public static IFaxDialer Create(Action<string> log)
    {
        log($"fax: scheduled faxes are queued but cannot be dialled: {UnavailableReason}");
        return new FaxUnavailableDialer(UnavailableReason);
    }
}
