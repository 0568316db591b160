using System.Collections.Concurrent;
using System.Net;
using Ivr.Media.Playout;
using Ivr.Sip.UserAgent;
using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>The calling side on loopback: a SIP stack on a free port, its telephony server (which answers nothing here) and an <see cref="OutboundDialer"/>.</summary>
public sealed class DialerHarness : IAsyncDisposable
{
    private readonly PlayoutScheduler _scheduler = new(TimeProvider.System);

    public DialerHarness(TrunkOptions? trunk = null, TimeSpan? mediaTimeout = null)
    {
        Options = new TelephonyOptions
        {
            MediaAddress = IPAddress.Loopback,
            RtpBindAddress = IPAddress.Loopback,
            RtpPortMin = 41000,
            RtpPortMax = 41999,
            Trunk = trunk,
            MediaTimeout = mediaTimeout ?? TimeSpan.FromSeconds(30),
        };
        TelephonyServer? server = null;
        Stack = SipStack.Start(new SipStackOptions { ListenAddress = IPAddress.Loopback, Port = 0, EnableTcp = false },
            caller => server = new TelephonyServer(Options, _scheduler, (_, _) => null, _ => false, log: Log.Enqueue, caller: caller));
        Server = server!;
        _scheduler.Start();
        Dialer = Server.Dialer!;
    }

    public TelephonyOptions Options { get; }

    public TelephonyServer Server { get; }

    public SipStack Stack { get; }

    public OutboundDialer Dialer { get; }

    public ConcurrentQueue<string> Log { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await Stack.DisposeAsync();
        _scheduler.Dispose();
    }
}
