using Ivr.Core.Channel;
using Ivr.Media.Playout;
using Ivr.Telephony.Bridging;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>How a socket-free channel ends — by the flow, the caller, a dead media path or a bridge — and the keys it reports.</summary>
public sealed class SipCallChannelLifetimeTests : IDisposable
{
    private readonly ChannelRig _rig = new(new TelephonyOptions { MediaTimeout = TimeSpan.FromSeconds(2) });

    [Fact]
    public void Hangup_ByFlow_SendsByeReleasesThePortAndReportsNoHangUp()
    {
        _rig.Channel.Play(new PlayRequest(1, [ChannelRig.TonePrompt(TimeSpan.FromSeconds(5))], false));
        _rig.Run(3);

        _rig.Channel.Hangup("completed");
        _rig.Channel.OnSipEnded("local");
        _rig.Run(5);

        Assert.Equal(1, _rig.Byes);
        Assert.Equal([40000], _rig.ReleasedPorts);
        Assert.True(_rig.Rtp.Disposed);
        Assert.True(_rig.Channel.IsClosed);
        Assert.Equal("completed", _rig.Channel.LocalHangupCause);
        Assert.Empty(_rig.Flow.Events); // the playback is forgotten, no hang-up reported
        Assert.Equal(3, _rig.AudioSent);
    }

    [Fact]
    public void OnSipEnded_DuringPlayback_ReportsHangUpOnlyAndCommandsAfterAreIgnored()
    {
        _rig.Channel.Play(new PlayRequest(1, [ChannelRig.TonePrompt(TimeSpan.FromSeconds(5))], false));
        _rig.Run(3);

        _rig.Channel.OnSipEnded("caller");
        _rig.Channel.Play(new PlayRequest(2, [], false));
        _rig.Channel.StartRecording(new RecordRequest(false, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), '#'));
        _rig.Channel.Hangup("completed");
        _rig.Run(5);

        Assert.Equal(["hungup:caller"], _rig.Flow.Events);
        Assert.Equal(0, _rig.Byes);
        Assert.Null(_rig.Channel.LocalHangupCause);
        Assert.Equal([40000], _rig.ReleasedPorts);
    }

    [Fact]
    public void NoRtp_ForTheMediaTimeout_ReportsHungUpAndSendsBye()
    {
        _rig.Time.Advance(TimeSpan.FromMilliseconds(1900));
        Assert.Empty(_rig.Flow.Events);

        _rig.Time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal(["hungup:media_timeout"], _rig.Flow.Events);
        Assert.Equal(1, _rig.Byes);
        Assert.Equal("media_timeout", _rig.Channel.LocalHangupCause);
        Assert.Equal([40000], _rig.ReleasedPorts);
    }

    [Fact]
    public void Rtp_KeepsArriving_NoMediaTimeout()
    {
        _rig.CallerSpeaks(500); // 10 s

        Assert.Empty(_rig.Flow.Events);
        Assert.False(_rig.Channel.IsClosed);
    }

    [Fact]
    public void OnHold_NoRtp_NoMediaTimeoutUntilResumed()
    {
        _rig.Channel.Update(_rig.Channel.Media with { IsHold = true });
        _rig.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(_rig.Flow.Events);

        _rig.Channel.Update(_rig.Channel.Media with { IsHold = false });
        _rig.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(["hungup:media_timeout"], _rig.Flow.Events);
    }

    [Fact]
    public void Keys_Rfc4733AndSipInfo_EachReportedOnce()
    {
        _rig.Rtp.ReceiveKey('7');
        Assert.Null(_rig.Channel.ReceiveSipInfo("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));

        Assert.Equal(['7', '5'], _rig.Flow.Digits);
    }

    [Fact]
    public void InBandTones_NoTelephoneEvent_ReportedOnce()
    {
        using var rig = new ChannelRig(telephoneEvent: false);

        rig.Rtp.ReceiveAudio(5);
        rig.Rtp.ReceiveAudio(5, Tone.Dtmf('5', TimeSpan.FromMilliseconds(100)));
        rig.Rtp.ReceiveAudio(10);

        Assert.Equal(['5'], rig.Flow.Digits);
    }

    [Fact]
    public void Transfer_NoTargetsConfigured_NotSupportedAtOnce()
    {
        _rig.Channel.Transfer(new TransferRequest("pension", new Dictionary<string, string>()));

        Assert.Equal(["transfer:False:not_supported"], _rig.Flow.Events);
    }

    [Fact]
    public void Bridged_FlowHangupIgnoredAndTheEndNotReportedToTheFlow()
    {
        var leg = (IBridgeLeg)_rig.Channel;
        var closed = 0;
        leg.Closed += () => closed++;
        leg.MarkBridged();

        _rig.Channel.Hangup("completed");
        Assert.False(_rig.Channel.IsClosed);
        _rig.Channel.OnSipEnded("caller");

        Assert.Empty(_rig.Flow.Events);
        Assert.Equal(1, closed);
        Assert.Equal(0, _rig.Byes);
    }

    [Fact]
    public void Bridge_RingbackThenRelay_RingbackStopsAndPacketsGoRaw()
    {
        var leg = (IBridgeLeg)_rig.Channel;
        var relayed = 0;
        leg.StartRingback();
        _rig.Run(5);
        Assert.Equal(5, _rig.AudioSent);

        leg.StopRingback();
        leg.SetRelay(_ => relayed++);
        _rig.Rtp.ReceiveKey('1');
        _rig.Run(5);

        Assert.Equal(5, _rig.AudioSent);
        Assert.Equal(6, relayed);
        Assert.Empty(_rig.Flow.Events); // neither the ring-back's end nor the relayed key is the flow's
        var packet = new byte[172];
        new Ivr.Media.Rtp.RtpHeader(0, 1, 160, 0x55, false).WriteTo(packet);
        Assert.True(leg.SendRelayed(packet));
        Assert.Equal(0x55u, _rig.Rtp.Sent[^1].Header.Ssrc);
    }

    [Fact]
    public void Hangup_ByBridge_EndsTheLegWithBye()
    {
        var leg = (IBridgeLeg)_rig.Channel;
        leg.MarkBridged();

        leg.Hangup("bridge_ended");

        Assert.Equal(1, _rig.Byes);
        Assert.Equal("bridge_ended", _rig.Channel.LocalHangupCause);
        Assert.Empty(_rig.Flow.Events);
    }

    public void Dispose() => _rig.Dispose();
}
