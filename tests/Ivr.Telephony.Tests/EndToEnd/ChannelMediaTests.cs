using Ivr.Core.Channel;
using Ivr.Media.Playout;
using Ivr.Media.Wav;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// A few channel behaviours over a real SIP peer, for the wiring: a recording ended by an RFC 4733 key over UDP, a
/// SIP INFO key, a re-INVITE hold, a dead media path ended with a BYE. The rest of the channel's behaviour is tested
/// without sockets on a fake clock (tests/Ivr.Telephony.Tests/Calls/SipCallChannel*Tests).
/// </summary>
public sealed class ChannelMediaTests
{
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
