using Ivr.Core.Channel;
using Ivr.Media.Playout;
using Ivr.Media.Wav;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>What a flow can do to a real SIP call, and what the call reports back: stop, record, transfer, INFO keys, in-band keys, media timeout.</summary>
public sealed class ChannelMediaTests
{
    [Fact]
    public async Task StopPlayback_DuringPrompt_ReportsInterruptedAndSendingStops()
    {
        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.Play(new PlayRequest(9, [TelephonyHarness.TonePrompt(TimeSpan.FromSeconds(5))], true)));
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();
        Assert.True(await Poll.UntilAsync(() => uac.Rtp.Received.Count >= 5));

        call.Channel.StopPlayback();

        Assert.True(await call.WaitForAsync("played:9:interrupted"), string.Join(", ", call.Events));
        var count = uac.Rtp.Received.Count;
        await Task.Delay(200);
        Assert.InRange(uac.Rtp.Received.Count, count, count + 1);
        Assert.DoesNotContain("played:9:finished", call.Events);
    }

    [Fact]
    public async Task Play_WhilePlaying_ReplacesTheCurrentPlayback()
    {
        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.Play(new PlayRequest(1, [TelephonyHarness.TonePrompt(TimeSpan.FromSeconds(5))], false)));
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();
        Assert.True(await Poll.UntilAsync(() => uac.Rtp.Received.Count >= 3));

        call.Channel.Play(new PlayRequest(2, [TelephonyHarness.TonePrompt(TimeSpan.FromMilliseconds(100))], false));

        Assert.True(await call.WaitForAsync("played:2:finished"), string.Join(", ", call.Events));
        Assert.Equal(["played:1:interrupted", "played:2:finished"], call.Events.Where(e => e.StartsWith("played")));
    }

    [Fact]
    public async Task Reinvite_HoldThenResume_SendingPausesAndResumes()
    {
        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.Play(new PlayRequest(1, [TelephonyHarness.TonePrompt(TimeSpan.FromSeconds(10))], false)));
        using var uac = await ConnectAsync(harness);
        await harness.WaitForCallAsync();
        Assert.True(await Poll.UntilAsync(() => uac.Rtp.Received.Count >= 3));

        await uac.SendAsync(uac.Request("INVITE", uac.Offer().Replace("a=sendrecv", "a=sendonly")));
        Assert.Equal(200, (await uac.ReceiveUntilFinalAsync("INVITE"))[^1].StatusCode);
        await uac.AckAsync();
        await Task.Delay(100);
        var held = uac.Rtp.Received.Count;
        await Task.Delay(300);
        Assert.InRange(uac.Rtp.Received.Count, held, held + 1);

        await uac.SendAsync(uac.Request("INVITE", uac.Offer()));
        Assert.Equal(200, (await uac.ReceiveUntilFinalAsync("INVITE"))[^1].StatusCode);
        await uac.AckAsync();
        Assert.True(await Poll.UntilAsync(() => uac.Rtp.Received.Count >= held + 5));
    }

    [Fact]
    public async Task StartRecording_EndKey_SavesWavAndKeepsTheKeyFromTheFlow()
    {
        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.StartRecording(new RecordRequest(Beep: true, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#')));
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();
        Assert.True(await Poll.UntilAsync(() => uac.Rtp.Received.Count >= 12)); // the 250 ms beep
        await Task.Delay(100);

        await uac.Rtp.SendAudioAsync(25, Tone.Sine(440, TimeSpan.FromSeconds(1)));
        await uac.Rtp.SendKeyAsync('#');

        Assert.True(await call.WaitForAsync("recorded:key"), string.Join(", ", call.Events));
        var result = Assert.Single(call.Recordings);
        Assert.Equal($"{Ivr.Telephony.Calls.RecordingFiles.SafeName(uac.CallId)}-1.wav", result.RecordingId);
        Assert.InRange(result.Length.TotalSeconds, 0.3, 0.7);
        var wav = WavFile.Read(Path.Combine(harness.RecordingsFolder, result.RecordingId!));
        Assert.InRange(wav.Samples.Length, 2400, 5600);
        Assert.Empty(call.Digits);
    }

    [Fact]
    public async Task Play_RecordingFilePrompt_PlaysTheCallersRecordingBack()
    {
        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#')));
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();
        await uac.Rtp.SendAudioAsync(25, Tone.Sine(440, TimeSpan.FromSeconds(1)));
        await uac.Rtp.SendKeyAsync('#');
        Assert.True(await call.WaitForAsync("recorded:key"), string.Join(", ", call.Events));
        var recording = Assert.Single(call.Recordings);
        var before = uac.Rtp.Received.Count;

        call.Channel.Play(new PlayRequest(5, [new Prompt("recording", "(the caller's recording)", recording.Length, ReadOnlyMemory<short>.Empty, recording.RecordingId)], false));

        Assert.True(await call.WaitForAsync("played:5:finished"), string.Join(", ", call.Events));
        var played = uac.Rtp.Received.Skip(before).ToArray();
        Assert.InRange(played.Length, 20, 30); // ~0.5 s
        var samples = new short[160];
        Ivr.Media.Codecs.G711.Decode(Ivr.Media.Codecs.G711Law.MuLaw, played[played.Length / 2].Payload, samples);
        Assert.True(Goertzel.ShareAt(samples, 440) > 0.5, "the middle of the playback is not the caller's 440 Hz");
    }

    [Fact]
    public async Task StartRecording_OnlySilence_EndsBySilenceWithoutAFile()
    {
        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(400), '#')));
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();

        await uac.Rtp.SendAudioAsync(30);

        Assert.True(await call.WaitForAsync("recorded:silence"), string.Join(", ", call.Events));
        Assert.Null(Assert.Single(call.Recordings).RecordingId);
        Assert.Empty(Directory.GetFiles(harness.RecordingsFolder));
    }

    [Fact]
    public async Task StartRecording_CallerHangsUp_RecordingSavedThenHungUp()
    {
        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.StartRecording(new RecordRequest(Beep: false, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), '#')));
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();
        await uac.Rtp.SendAudioAsync(20, Tone.Sine(440, TimeSpan.FromSeconds(1)));

        await uac.SendAsync(uac.Request("BYE"));

        Assert.True(await call.WaitForAsync("hungup:caller"), string.Join(", ", call.Events));
        Assert.Equal(["recorded:hangup", "hungup:caller"], call.Events.Where(e => e.StartsWith("recorded") || e.StartsWith("hungup")));
        Assert.True(File.Exists(Path.Combine(harness.RecordingsFolder, Assert.Single(call.Recordings).RecordingId!)));
    }

    [Fact]
    public async Task Transfer_NotSupportedYet_FailsAtOnce()
    {
        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.Transfer(new TransferRequest("pension", new Dictionary<string, string>())));
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();

        Assert.True(await call.WaitForAsync("transfer:False:not_supported"), string.Join(", ", call.Events));
    }

    [Fact]
    public async Task SipInfo_DtmfRelay_ReportedAsKey()
    {
        await using var harness = new TelephonyHarness();
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();

        await uac.SendAsync(uac.Request("INFO", "Signal=5\r\nDuration=160\r\n", contentType: "application/dtmf-relay"));

        var responses = await uac.ReceiveUntilFinalAsync("INFO");
        Assert.Equal(200, responses[^1].StatusCode);
        Assert.True(await call.WaitForAsync("digit:5"), string.Join(", ", call.Events));
    }

    [Fact]
    public async Task InBandTones_NoTelephoneEvent_ReportedOnce()
    {
        await using var harness = new TelephonyHarness();
        using var uac = new SipUac(harness.SipEndPoint);
        var responses = await uac.InviteAsync(uac.Offer(formats: "0", telephoneEvent: false));
        uac.Rtp.Target = SipUac.MediaOf(SipUac.SdpOf(responses[^1]));
        await uac.AckAsync();
        var call = await harness.WaitForCallAsync();

        var low = Tone.Sine(770, TimeSpan.FromMilliseconds(100), -8);
        var high = Tone.Sine(1336, TimeSpan.FromMilliseconds(100), -6);
        var key = low.Zip(high, (a, b) => (short)(a + b)).ToArray(); // '5'
        await uac.Rtp.SendAudioAsync(5);
        await uac.Rtp.SendAudioAsync(5, key);
        await uac.Rtp.SendAudioAsync(10);

        Assert.True(await call.WaitForAsync("digit:5"), string.Join(", ", call.Events));
        Assert.Equal(['5'], call.Digits);
    }

    [Fact]
    public async Task NoRtp_MediaTimeout_ReportsHungUpAndSendsBye()
    {
        await using var harness = new TelephonyHarness(options: new TelephonyOptions { MediaTimeout = TimeSpan.FromMilliseconds(600) });
        using var uac = new SipUac(harness.SipEndPoint);
        var responses = await uac.InviteAsync(uac.Offer());
        await uac.AckAsync();
        var call = await harness.WaitForCallAsync();

        var bye = await uac.ReceiveRequestAndAnswerAsync("BYE", seconds: 5).WaitAsync(TimeSpan.FromSeconds(6)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : throw new Xunit.Sdk.XunitException(string.Join(" | ", harness.Log) + " // " + string.Join(", ", call.Events)));

        Assert.Equal(uac.CallId, bye.CallId);
        Assert.True(await call.WaitForAsync("hungup:media_timeout"), string.Join(", ", call.Events));
        Assert.True(await Poll.UntilAsync(() => harness.Server.ActiveCalls == 0 && harness.Server.Ports.InUse == 0));
    }

    [Fact]
    public async Task Hangup_ByFlow_SendsByeAndReportsNoHangUp()
    {
        await using var harness = new TelephonyHarness(onStart: call => call.Channel.Hangup("completed"));
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();

        await uac.ReceiveRequestAndAnswerAsync("BYE");

        Assert.True(await Poll.UntilAsync(() => harness.Server.ActiveCalls == 0 && harness.Server.Ports.InUse == 0));
        await Task.Delay(100);
        Assert.False(call.Events.Any(e => e.StartsWith("hungup")), string.Join(", ", call.Events) + " // " + string.Join(" | ", harness.Log));
    }

    private static async Task<SipUac> ConnectAsync(TelephonyHarness harness)
    {
        var uac = new SipUac(harness.SipEndPoint);
        var responses = await uac.InviteAsync(uac.Offer());
        Assert.Equal(200, responses[^1].StatusCode);
        uac.Rtp.Target = SipUac.MediaOf(SipUac.SdpOf(responses[^1]));
        await uac.AckAsync();
        await uac.Rtp.SendAudioAsync(1);
        return uac;
    }
}
