using System.Collections.Concurrent;
using System.Net;
using Ivr.Core.Channel;
using Ivr.Media.Playout;
using Ivr.Sip.Throttling;
using Ivr.Sip.Transactions;
using Ivr.Sip.UserAgent;

namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>
/// A real SIP stack and telephony server on loopback, a running playout scheduler, and fake flow calls; with
/// <c>dialer</c> the server is built on the stack's caller (as <c>ivr serve</c> builds it), so refused REFERs bridge.
/// </summary>
public sealed class TelephonyHarness : IAsyncDisposable
{
    private readonly PlayoutScheduler _scheduler = new(TimeProvider.System);

    public TelephonyHarness(Action<FakeCall>? onStart = null, Func<string, bool>? canAnswer = null, TelephonyOptions? options = null, Func<IncomingCall, bool>? refuse = null, SipTimerSettings? timers = null, bool dialer = false)
    {
        RecordingsFolder = Directory.CreateTempSubdirectory("ivr-telephony-").FullName;
        Options = (options ?? new TelephonyOptions()) with
        {
            MediaAddress = IPAddress.Loopback,
            RtpBindAddress = IPAddress.Loopback,
            RtpPortMin = options?.RtpPortMin ?? 40000,
            RtpPortMax = options?.RtpPortMax ?? 40999,
            RecordingsFolder = RecordingsFolder,
        };
        _scheduler.Start();
        // Every test call comes from one loopback source, SIPp's bursts included: the per-source throttles are
        // tested in Ivr.Sip.Tests (Throttling/, FloodTests), not here.
        var userAgent = new SipUserAgentOptions { Timers = timers ?? SipTimerSettings.Default, Calls = CallLimits.None, Inbound = InboundLimits.None };
        TelephonyServer? server = null;
        Stack = SipStack.Start(
            new SipStackOptions { ListenAddress = IPAddress.Loopback, Port = 0, UserAgent = userAgent },
            caller => server = new TelephonyServer(Options, _scheduler, (info, channel) =>
            {
                if (refuse?.Invoke(info) == true) return null;
                var call = new FakeCall(info, channel);
                Calls.Enqueue(call);
                onStart?.Invoke(call);
                return call;
            }, canAnswer, log: Log.Enqueue, caller: dialer ? caller : null));
        Server = server!;
    }

    public TelephonyOptions Options { get; }

    public PlayoutStatistics SchedulerStatistics => _scheduler.Statistics();

    public string RecordingsFolder { get; }

    public TelephonyServer Server { get; }

    public SipStack Stack { get; }

    public IPEndPoint SipEndPoint => Stack.UdpEndPoint!;

    public ConcurrentQueue<FakeCall> Calls { get; } = new();

    public ConcurrentQueue<string> Log { get; } = new();

    public async Task<FakeCall> WaitForCallAsync(double seconds = 5)
    {
        Assert.True(await Poll.UntilAsync(() => !Calls.IsEmpty, seconds), "the flow was never started");
        Calls.TryPeek(out var call);
        return call!;
    }

    /// <summary>A 1 kHz prompt at −10 dBm0.</summary>
    public static Prompt TonePrompt(TimeSpan length) =>
        new("tone", "1 kHz", length, Tone.Sine(1000, length));

    public async ValueTask DisposeAsync()
    {
        await Stack.DisposeAsync();
        _scheduler.Dispose();
        try
        {
            Directory.Delete(RecordingsFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
