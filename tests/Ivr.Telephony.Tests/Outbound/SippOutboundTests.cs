using System.Net;
using Ivr.Media.Playout;
using Ivr.Sip.Auth;
using Ivr.Telephony.Outbound;
using Ivr.Telephony.Tests.TestSupport;
using Xunit.Abstractions;

namespace Ivr.Telephony.Tests.Outbound;

/// <summary>
/// The dialer against SIPp stand-in callees over loopback (EndToEnd/Sipp/uas_*.xml): a trunk that challenges, a
/// callee that answers and echoes RTP, one busy, one that never answers, one with early media. Returns early with
/// a note when sipp is not installed.
/// </summary>
public sealed class SippOutboundTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Trunk_ChallengesWithDigest_RetriedWithCredentialsAndAnswered()
    {
        if (!SippUas.IsInstalled) { output.WriteLine("sipp not installed: test not run"); return; }
        await using var sipp = await SippUas.StartAsync("uas_digest.xml", output);
        await using var caller = new DialerHarness(Trunk(sipp, new DigestCredentials("ivr", "s3cret")));

        var result = await caller.Dialer.DialAsync("01088886666");
        output.WriteLine(string.Join(Environment.NewLine, caller.Log));

        Assert.Equal(OutboundOutcome.Answered, result.Outcome);
        result.Call!.Hangup();
        Assert.Equal(0, await sipp.FinishAsync());
        Assert.DoesNotContain(caller.Log, l => l.Contains("s3cret") || l.Contains("01088886666"));
    }

    [Fact]
    public async Task Trunk_WrongPassword_AuthFailed()
    {
        if (!SippUas.IsInstalled) { output.WriteLine("sipp not installed: test not run"); return; }
        await using var sipp = await SippUas.StartAsync("uas_digest.xml", output);
        await using var caller = new DialerHarness(Trunk(sipp, new DigestCredentials("ivr", "wrong")));

        var result = await caller.Dialer.DialAsync("01088886666");

        // SIPp's verifyauth refuses the digest with 403: the trunk rejected our credentials.
        Assert.Equal(OutboundOutcome.Rejected, result.Outcome);
        Assert.Equal(403, result.StatusCode);
        Assert.Equal(0, await sipp.FinishAsync());
        Assert.Equal(0, caller.Server.Ports.InUse);
    }

    [Fact]
    public async Task Callee_Answers_MediaFlowsBothWays()
    {
        if (!SippUas.IsInstalled) { output.WriteLine("sipp not installed: test not run"); return; }
        await using var sipp = await SippUas.StartAsync("uas_answer.xml", output, rtpEcho: true);
        await using var caller = new DialerHarness();
        var echoedTone = 0;

        var result = await caller.Dialer.DialAsync($"sip:agent@127.0.0.1:{sipp.Port}", new OutboundCallOptions
        {
            Audio = samples => { if (Goertzel.ShareAt(samples, 1000) > 0.8) Interlocked.Increment(ref echoedTone); },
        });

        Assert.Equal(OutboundOutcome.Answered, result.Outcome);
        var call = result.Call!;
        var sentBefore = call.PacketsSent;
        Assert.True(await call.PlayAsync(Tone.Sine(1000, TimeSpan.FromSeconds(1))).WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(50, call.PacketsSent - sentBefore);
        Assert.True(await Poll.UntilAsync(() => Volatile.Read(ref echoedTone) >= 40, 10), $"{echoedTone} of 50 frames came back from SIPp's echo");
        call.Hangup();
        Assert.Equal(0, await sipp.FinishAsync());
    }

    [Fact]
    public async Task Callee_Busy_Busy486()
    {
        if (!SippUas.IsInstalled) { output.WriteLine("sipp not installed: test not run"); return; }
        await using var sipp = await SippUas.StartAsync("uas_busy.xml", output);
        await using var caller = new DialerHarness();

        var result = await caller.Dialer.DialAsync($"sip:agent@127.0.0.1:{sipp.Port}");

        Assert.Equal(OutboundOutcome.Busy, result.Outcome);
        Assert.Equal(486, result.StatusCode);
        Assert.Equal("busy", result.Reason);
        Assert.Equal(0, await sipp.FinishAsync());
        Assert.Equal(0, caller.Server.Ports.InUse);
    }

    [Fact]
    public async Task Callee_NeverAnswers_CancelledAtRingTimeoutNoAnswer()
    {
        if (!SippUas.IsInstalled) { output.WriteLine("sipp not installed: test not run"); return; }
        await using var sipp = await SippUas.StartAsync("uas_no_answer.xml", output);
        await using var caller = new DialerHarness();
        var progress = new List<int>();

        var result = await caller.Dialer.DialAsync($"sip:agent@127.0.0.1:{sipp.Port}", new OutboundCallOptions
        {
            RingTimeout = TimeSpan.FromSeconds(2),
            Progress = p => { lock (progress) progress.Add(p.StatusCode); },
        });

        Assert.Equal(OutboundOutcome.NoAnswer, result.Outcome);
        Assert.Equal(487, result.StatusCode);
        Assert.Contains(180, progress);
        Assert.Equal(0, await sipp.FinishAsync());
    }

    [Fact]
    public async Task Callee_EarlyMedia_AudioReceivedBeforeTheAnswer()
    {
        if (!SippUas.IsInstalled) { output.WriteLine("sipp not installed: test not run"); return; }
        await using var sipp = await SippUas.StartAsync("uas_early_media.xml", output);
        await using var caller = new DialerHarness();
        var frames = 0;
        var early = false;

        var result = await caller.Dialer.DialAsync($"sip:agent@127.0.0.1:{sipp.Port}", new OutboundCallOptions
        {
            Progress = p => { if (p.StatusCode == 183) Volatile.Write(ref early, p.EarlyMedia); },
            Audio = _ => Interlocked.Increment(ref frames),
        });
        var framesBeforeAnswer = Volatile.Read(ref frames);
        output.WriteLine(string.Join(Environment.NewLine, caller.Log));

        Assert.Equal(OutboundOutcome.Answered, result.Outcome);
        Assert.True(early, "the 183 should have opened early media");
        Assert.True(framesBeforeAnswer >= 20, $"{framesBeforeAnswer} frames arrived before the 200 (SIPp streams for 2 s)");
        Assert.Equal("PCMA", result.Call!.Media!.CodecName);
        result.Call.Hangup();
        Assert.Equal(0, await sipp.FinishAsync());
    }

    private static TrunkOptions Trunk(SippUas sipp, DigestCredentials credentials) => new()
    {
        Address = new IPEndPoint(IPAddress.Loopback, sipp.Port),
        Credentials = credentials,
        NumberRules = [new NumberRule("010", Strip: 3)],
    };
}
