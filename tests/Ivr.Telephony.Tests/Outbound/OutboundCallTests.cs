using System.Net;
using Ivr.Media.Codecs;
using Ivr.Media.Playout;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Outbound;
using Ivr.Telephony.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Outbound;

/// <summary>A placed call's media without sockets: its audio is paced by a ticked <see cref="PlayoutScheduler"/> on a fake clock.</summary>
public sealed class OutboundCallTests : IDisposable
{
    private static readonly NegotiatedMedia Pcmu = new(G711Law.MuLaw, 0, 101, new IPEndPoint(IPAddress.Loopback, 30000));

    private readonly FakeTimeProvider _time = new();
    private readonly PlayoutScheduler _scheduler;
    private readonly FakeRtpTransport _rtp = new(41000);
    private readonly List<int> _released = [];
    private readonly List<char> _keys = [];
    private int _audioFrames;
    private readonly OutboundCall _call;

    public OutboundCallTests()
    {
        _scheduler = new PlayoutScheduler(_time);
        var handlers = new OutboundCallOptions { Audio = _ => _audioFrames++, Key = k => _keys.Add(k.Key) };
        _call = new OutboundCall("sip:agent@127.0.0.1", _rtp, _released.Add, handlers, new TelephonyOptions { MediaTimeout = TimeSpan.FromSeconds(2) }, _scheduler, _time, _ => { });
    }

    [Fact]
    public async Task PlayAsync_BeforeMediaIsNegotiated_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _call.PlayAsync(Tone.Beep()));
    }

    [Fact]
    public async Task PlayAsync_Tone_SentOneFrameEachTickThenTrue()
    {
        _call.Negotiated(Pcmu);

        var played = _call.PlayAsync(Tone.Sine(1000, TimeSpan.FromMilliseconds(100)));
        Run(4);
        Assert.False(played.IsCompleted);
        Run(1);

        Assert.True(played.IsCompletedSuccessfully);
        Assert.True(await played);
        Assert.Equal(5, _rtp.Sent.Count);
        Assert.Equal(5, _call.PacketsSent);
        Assert.All(_rtp.Sent, p => Assert.Equal(160, p.Payload.Length));
        Assert.Equal(IPAddress.Loopback, _rtp.Remote!.Address);
    }

    [Fact]
    public async Task Generator_AskedEveryFrameUntilTheCallEnds()
    {
        _call.Negotiated(Pcmu);
        var frames = 0;
        _call.Generator = frame => { frames++; frame.Fill(1000); };

        Run(10);
        _call.Hangup();
        Run(5);

        Assert.Equal(10, frames);
        Assert.Equal(10, _rtp.Sent.Count);
        Assert.True(_call.Completion.IsCompleted);
        Assert.Equal("local", await _call.Completion);
        Assert.Equal([41000], _released);
        Assert.True(_rtp.Disposed);
    }

    [Fact]
    public async Task PlayAsync_CallEndsFirst_False()
    {
        _call.Negotiated(Pcmu);
        var played = _call.PlayAsync(Tone.Sine(1000, TimeSpan.FromSeconds(1)));
        Run(3);

        _call.Hangup();
        Run(1);

        Assert.True(played.IsCompleted);
        Assert.False(await played);
        Assert.False(await _call.PlayAsync(Tone.Beep()));
    }

    [Fact]
    public void Received_AudioAndKeys_GoToTheHandlers()
    {
        _call.Negotiated(Pcmu);

        _rtp.ReceiveAudio(3);
        _rtp.ReceiveKey('9');

        Assert.Equal(3, _audioFrames);
        Assert.Equal(['9'], _keys);
        Assert.Equal(9, _call.PacketsReceived);
    }

    [Fact]
    public async Task Answered_NoRtpForTheMediaTimeout_EndsTheCall()
    {
        _call.Negotiated(Pcmu);
        _call.Answered();
        _time.Advance(TimeSpan.FromSeconds(1));
        _rtp.ReceiveAudio(1);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(_call.IsClosed);
        _time.Advance(TimeSpan.FromSeconds(0.5));

        Assert.True(_call.IsClosed);
        Assert.True(_call.Completion.IsCompleted);
        Assert.Equal("media_timeout", await _call.Completion);
        Assert.Equal([41000], _released);
    }

    private void Run(int frames)
    {
        for (var i = 0; i < frames; i++)
        {
            _scheduler.Tick();
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }
    }

    public void Dispose() => _scheduler.Dispose();
}
