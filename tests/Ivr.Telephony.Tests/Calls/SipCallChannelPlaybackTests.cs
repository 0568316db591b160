using Ivr.Core.Channel;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>Prompts on a socket-free channel, paced by a ticked scheduler on a fake clock.</summary>
public sealed class SipCallChannelPlaybackTests : IDisposable
{
    private readonly ChannelRig _rig = new();

    [Fact]
    public void Play_PromptRunsItsLength_FinishedAfterItsLastFrame()
    {
        _rig.Channel.Play(new PlayRequest(1, [ChannelRig.TonePrompt(TimeSpan.FromMilliseconds(100))], false));

        _rig.Run(4);
        Assert.Empty(_rig.Reports("played"));
        _rig.Run(1);

        Assert.Equal(["played:1:finished"], _rig.Reports("played"));
        Assert.Equal(5, _rig.AudioSent);
        Assert.True(_rig.Rtp.Sent[0].Header.Marker, "a prompt after silence starts a talkspurt");
    }

    [Fact]
    public void Play_TwoPrompts_OneReportAfterBoth()
    {
        _rig.Channel.Play(new PlayRequest(1, [ChannelRig.TonePrompt(TimeSpan.FromMilliseconds(40)), ChannelRig.TonePrompt(TimeSpan.FromMilliseconds(60))], false));

        _rig.Run(10);

        Assert.Equal(["played:1:finished"], _rig.Reports("played"));
        Assert.Equal(5, _rig.AudioSent);
    }

    [Fact]
    public void Play_NoPrompts_FinishedAtOnce()
    {
        _rig.Channel.Play(new PlayRequest(3, [], false));

        Assert.Equal(["played:3:finished"], _rig.Reports("played"));
    }

    [Fact]
    public void StopPlayback_DuringPrompt_ReportsInterruptedAndSendingStops()
    {
        _rig.Channel.Play(new PlayRequest(9, [ChannelRig.TonePrompt(TimeSpan.FromSeconds(5))], true));
        _rig.Run(5);

        _rig.Channel.StopPlayback();
        _rig.Run(10);

        Assert.Equal(["played:9:interrupted"], _rig.Reports("played"));
        Assert.Equal(5, _rig.AudioSent);
    }

    [Fact]
    public void Play_WhilePlaying_ReplacesTheCurrentPlayback()
    {
        _rig.Channel.Play(new PlayRequest(1, [ChannelRig.TonePrompt(TimeSpan.FromSeconds(5))], false));
        _rig.Run(3);

        _rig.Channel.Play(new PlayRequest(2, [ChannelRig.TonePrompt(TimeSpan.FromMilliseconds(100))], false));
        _rig.Run(10);

        Assert.Equal(["played:1:interrupted", "played:2:finished"], _rig.Reports("played"));
        Assert.Equal(8, _rig.AudioSent);
    }

    [Fact]
    public void KeyThenPrompt_TellsTheMetricsHowLongTheCallerWaited_FromTheLastKey_OncePerKey()
    {
        var waits = new KeyWaits();
        using var rig = new ChannelRig(new TelephonyOptions { Metrics = waits });

        rig.Channel.Play(new PlayRequest(1, [ChannelRig.TonePrompt(TimeSpan.FromMilliseconds(40))], false)); // no key before it
        rig.Rtp.ReceiveKey('1');
        rig.Time.Advance(TimeSpan.FromMilliseconds(30));
        Assert.Null(rig.Channel.ReceiveSipInfo("application/dtmf-relay", "Signal=#\r\nDuration=160\r\n"));
        rig.Time.Advance(TimeSpan.FromMilliseconds(12));
        rig.Channel.Play(new PlayRequest(2, [ChannelRig.TonePrompt(TimeSpan.FromMilliseconds(40))], false));
        rig.Channel.Play(new PlayRequest(3, [ChannelRig.TonePrompt(TimeSpan.FromMilliseconds(40))], false)); // no new key

        Assert.Equal([TimeSpan.FromMilliseconds(12)], waits.Latencies);
    }

    private sealed class KeyWaits : Core.Metrics.ICallMetrics
    {
        public List<TimeSpan> Latencies { get; } = [];

        public void CallAnswered(TimeSpan setup) => throw new InvalidOperationException("a channel answers nothing");

        public void KeyToPrompt(TimeSpan latency) => Latencies.Add(latency);
    }

    [Fact]
    public void Digit_DuringPlayback_ReportedAndTheFlowsStopInterruptsIt()
    {
        _rig.Channel.Play(new PlayRequest(4, [ChannelRig.TonePrompt(TimeSpan.FromSeconds(5))], true));
        _rig.Run(5);

        _rig.Rtp.ReceiveKey('3'); // barge-in: the flow hears the key and stops the prompt
        Assert.Equal(['3'], _rig.Flow.Digits);
        _rig.Channel.StopPlayback();
        _rig.Run(1);

        Assert.Equal(["digit:3", "played:4:interrupted"], _rig.Flow.Events);
    }

    [Fact]
    public void Reports_BeforeAttach_WaitForTheFlowInOrder()
    {
        using var rig = new ChannelRig(attach: false);
        rig.Channel.Play(new PlayRequest(1, [], false));
        rig.Rtp.ReceiveKey('5');
        Assert.Empty(rig.Flow.Events);

        rig.Channel.Attach(rig.Flow);

        Assert.Equal(["played:1:finished", "digit:5"], rig.Flow.Events);
    }

    [Fact]
    public void Reinvite_HoldThenResume_SendingPausesAndResumes()
    {
        _rig.Channel.Play(new PlayRequest(1, [ChannelRig.TonePrompt(TimeSpan.FromSeconds(2))], false));
        _rig.Run(5);

        _rig.Channel.Update(_rig.Channel.Media with { IsHold = true });
        _rig.Run(10);
        Assert.Equal(5, _rig.AudioSent);
        _rig.Channel.Update(_rig.Channel.Media with { IsHold = false });
        _rig.Run(5);

        Assert.Equal(10, _rig.AudioSent);
        Assert.Empty(_rig.Reports("played")); // the prompt ran on through the hold
    }

    [Fact]
    public void Reinvite_RemoteMoved_SendsThereAndRelatches()
    {
        var moved = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 30002);

        _rig.Channel.Update(_rig.Channel.Media with { Remote = moved });

        Assert.Equal(moved, _rig.Rtp.Remote);
        Assert.Equal(1, _rig.Rtp.Relatches);
    }

    public void Dispose() => _rig.Dispose();
}
