using Ivr.Core.Channel;
using Ivr.Media.Playout;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Outbound;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.Outbound;

/// <summary>The dialer against our own telephony server on loopback: real SIP, real RTP both ways.</summary>
public sealed class OutboundDialerLoopbackTests
{
    [Fact]
    public async Task Dial_AnsweredByIvr_AudioFlowsBothWaysAndLocalHangupEndsBoth()
    {
        await using var callee = new TelephonyHarness(onStart: call =>
            call.Channel.Play(new PlayRequest(1, [TelephonyHarness.TonePrompt(TimeSpan.FromSeconds(10))], false)));
        await using var caller = new DialerHarness();
        var loudFrames = 0;

        var result = await caller.Dialer.DialAsync($"sip:12333@127.0.0.1:{callee.SipEndPoint.Port}", new OutboundCallOptions
        {
            Audio = samples => { if (Peak(samples) > 1000) Interlocked.Increment(ref loudFrames); },
        });

        Assert.Equal(OutboundOutcome.Answered, result.Outcome);
        var call = result.Call!;
        Assert.Equal("PCMU", call.Media!.CodecName);
        var sentBefore = call.PacketsSent;
        var played = await call.PlayAsync(Tone.Sine(1000, TimeSpan.FromSeconds(1))).WaitAsync(TimeSpan.FromSeconds(20));
        var sent = call.PacketsSent - sentBefore;

        var answered = await callee.WaitForCallAsync();
        var channel = (SipCallChannel)answered.Channel;
        Assert.True(played);
        Assert.Equal(50, sent);
        Assert.True(await Poll.UntilAsync(() => channel.Inbound.AudioPackets >= 45, 10), $"callee received {channel.Inbound.AudioPackets} packets");
        Assert.True(await Poll.UntilAsync(() => Volatile.Read(ref loudFrames) >= 10, 10), $"caller heard {loudFrames} loud frames");

        call.Hangup();

        Assert.Equal("local", await call.Completion.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(await answered.WaitForAsync("hungup:caller", 10), string.Join(", ", answered.Events));
        Assert.True(await Poll.UntilAsync(() => caller.Server.Ports.InUse == 0));
    }

    [Fact]
    public async Task Dial_CalleeHangsUp_EndedRemote()
    {
        await using var callee = new TelephonyHarness();
        await using var caller = new DialerHarness();
        var result = await caller.Dialer.DialAsync($"sip:12333@127.0.0.1:{callee.SipEndPoint.Port}");
        var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        result.Call!.Ended += cause => ended.TrySetResult(cause);

        (await callee.WaitForCallAsync()).Channel.Hangup("done");

        Assert.Equal("remote", await ended.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(result.Call.IsClosed);
        Assert.True(await Poll.UntilAsync(() => caller.Server.Ports.InUse == 0));
    }

    [Fact]
    public async Task Dial_NumberNotServed_Rejected404AndPortReleased()
    {
        await using var callee = new TelephonyHarness(canAnswer: _ => false);
        await using var caller = new DialerHarness();

        var result = await caller.Dialer.DialAsync($"sip:99999@127.0.0.1:{callee.SipEndPoint.Port}");

        Assert.Equal(OutboundOutcome.Rejected, result.Outcome);
        Assert.Equal(404, result.StatusCode);
        Assert.Null(result.Call);
        Assert.Equal(0, caller.Server.Ports.InUse);
    }

    [Fact]
    public async Task Dial_NumberWithoutTrunk_ThrowsClearError()
    {
        await using var caller = new DialerHarness();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => caller.Dialer.DialAsync("01088886666"));

        Assert.Contains("no SIP trunk", error.Message);
        Assert.Equal(0, caller.Server.Ports.InUse);
    }

    [Fact]
    public async Task Dial_TokenAlreadyCancelled_CancelledWithoutInvite()
    {
        await using var caller = new DialerHarness();

        var result = await caller.Dialer.DialAsync("sip:agent@127.0.0.1:9", cancellationToken: new CancellationToken(true));

        Assert.Equal(OutboundOutcome.Cancelled, result.Outcome);
        Assert.Equal(0, caller.Server.Ports.InUse);
    }

    private static int Peak(ReadOnlySpan<short> samples)
    {
        var peak = 0;
        foreach (var s in samples) peak = Math.Max(peak, Math.Abs((int)s));
        return peak;
    }
}
