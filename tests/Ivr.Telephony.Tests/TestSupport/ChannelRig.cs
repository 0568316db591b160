using System.Net;
using Ivr.Core.Channel;
using Ivr.Core.Serial;
using Ivr.Media.Playout;
using Ivr.Sip.Refer;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>
/// A <see cref="SipCallChannel"/> without sockets or threads: its RTP port is a <see cref="FakeRtpTransport"/>, its
/// playout scheduler is ticked by the test, its clock is a <see cref="FakeTimeProvider"/>, and its serial queue runs
/// inline — every command, key and tick is handled before the call that caused it returns. The flow is a
/// <see cref="FakeCall"/>; BYEs and released ports are counted.
/// </summary>
internal sealed class ChannelRig : IDisposable
{
    public static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    private readonly PlayoutScheduler _scheduler;

    public ChannelRig(TelephonyOptions? options = null, bool attach = true, bool telephoneEvent = true, bool hold = false)
    {
        RecordingsFolder = Directory.CreateTempSubdirectory("ivr-channel-").FullName;
        Options = (options ?? new TelephonyOptions()) with { RecordingsFolder = RecordingsFolder };
        _scheduler = new PlayoutScheduler(Time);
        var media = new NegotiatedMedia(Ivr.Media.Codecs.G711Law.MuLaw, 0, telephoneEvent ? 101 : null, new IPEndPoint(IPAddress.Loopback, 30000), hold);
        var call = new CallContext("call-1", Options, Time, Log.Add, SerialDispatch.Inline);
        var leg = new MediaLeg(Rtp, ReleasedPorts.Add, Time, Options.MediaTimeout, "call call-1", Log.Add);
        Channel = new SipCallChannel(call, media, leg, new CallParts(call, media, leg, _scheduler),
            new CallSignalling(() => Byes++, (_, _, _) => new TaskCompletionSource<SipReferOutcome>().Task));
        Flow = new FakeCall(new IncomingCall("call-1", "13000000000", "12333"), Channel);
        if (attach) Channel.Attach(Flow);
    }

    public FakeTimeProvider Time { get; } = new();

    public FakeRtpTransport Rtp { get; } = new();

    public TelephonyOptions Options { get; }

    public string RecordingsFolder { get; }

    public SipCallChannel Channel { get; }

    public FakeCall Flow { get; }

    public List<string> Log { get; } = [];

    public List<int> ReleasedPorts { get; } = [];

    public int Byes { get; private set; }

    /// <summary>Audio packets the channel sent (RTP payload type 0).</summary>
    public int AudioSent => Rtp.Sent.Count(p => p.Header.PayloadType == 0);

    public string[] Reports(string prefix) => Flow.Events.Where(e => e.StartsWith(prefix)).ToArray();

    /// <summary>Runs the pacing for <paramref name="frames"/> 20 ms frames: one scheduler tick, then the clock moves on.</summary>
    public void Run(int frames)
    {
        for (var i = 0; i < frames; i++)
        {
            _scheduler.Tick();
            Time.Advance(Frame);
        }
    }

    public void Run(TimeSpan length) => Run((int)Math.Ceiling(length / Frame));

    /// <summary>The caller speaks (a 440 Hz tone) for <paramref name="frames"/> frames, paced with the channel's own frames.</summary>
    public void CallerSpeaks(int frames, short[]? samples = null)
    {
        var audio = samples ?? Tone.Sine(440, TimeSpan.FromSeconds(1));
        for (var i = 0; i < frames; i++)
        {
            Rtp.ReceiveAudio(1, audio.AsSpan((i * 160) % (audio.Length - 159), 160).ToArray());
            Run(1);
        }
    }

    public static Prompt TonePrompt(TimeSpan length) => new("tone", "1 kHz", length, Tone.Sine(1000, length));

    public void Dispose()
    {
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
