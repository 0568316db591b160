using System.Net;
using Ivr.Core.Channel;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// Issue 14 finding 1 over real loopback sockets: a stranger (127.0.0.2) who knows the call's RTP port can neither
/// press keys nor take the prompts, before or after the caller's first packet; the caller's own RTP is taken.
/// </summary>
public sealed class RtpLatchingTests
{
    private static readonly IPAddress StrangerAddress = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Stranger_KeysBeforeAndAfterTheCallersFirstRtp_IgnoredAndPromptsNeverReachIt()
    {
        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.Play(new PlayRequest(1, [TelephonyHarness.TonePrompt(TimeSpan.FromSeconds(2))], BargeIn: false)));
        using var uac = new SipUac(harness.SipEndPoint);
        using var stranger = new RtpPeer(StrangerAddress);
        var call = await AnswerAsync(harness, uac, stranger);

        await stranger.SendKeyAsync('1'); // the caller has sent nothing yet: the first packet is the stranger's
        await stranger.SendAudioAsync(3);
        await uac.Rtp.SendAudioAsync(3);
        await uac.Rtp.SendKeyAsync('2');
        await stranger.SendKeyAsync('3'); // after latching
        await uac.Rtp.SendKeyAsync('4'); // handled after the stranger's '3': once it is heard, '3' was dropped

        Assert.True(await call.WaitForAsync("digit:4", 10), string.Join(", ", call.Events));
        Assert.Equal(['2', '4'], call.Digits);
        Assert.True(await call.WaitForAsync("played:1:finished", 10), string.Join(", ", call.Events));
        Assert.InRange(uac.Rtp.Received.Count, 80, 110); // 2 s of prompt in 20 ms packets, all to the caller
        Assert.Empty(stranger.Received);

        await HangUpAsync(harness, uac, call);
        // Before the latch: key 1 (6 packets) and 3 frames. After it the socket is connected to the caller (Linux) and the
        // kernel drops key 3's 6 packets unread, uncounted; elsewhere the latch counts them too.
        var strangers = OperatingSystem.IsLinux() ? 9 : 15;
        Assert.Contains(harness.Log, line => line.Contains($"dropped {strangers} RTP packets from strangers"));
    }

    [Fact]
    public async Task SymmetricRtpOff_CallersIpFromAnotherPort_IgnoredUntilTheSdpAddressSpeaks()
    {
        await using var harness = new TelephonyHarness(options: new TelephonyOptions { SymmetricRtp = false });
        using var uac = new SipUac(harness.SipEndPoint);
        using var otherPort = new RtpPeer(); // 127.0.0.1 like the signalling, but not the port the SDP offered
        var call = await AnswerAsync(harness, uac, otherPort);

        await otherPort.SendKeyAsync('1');
        await uac.Rtp.SendKeyAsync('2');

        Assert.True(await call.WaitForAsync("digit:2", 10), string.Join(", ", call.Events));
        Assert.Equal(['2'], call.Digits);
        await HangUpAsync(harness, uac, call);
    }

    [Fact]
    public async Task SymmetricRtpOn_CallersIpFromAnotherPort_LatchedAndAnsweredThere()
    {
        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.Play(new PlayRequest(1, [TelephonyHarness.TonePrompt(TimeSpan.FromSeconds(1))], BargeIn: false)));
        using var uac = new SipUac(harness.SipEndPoint);
        using var natMapped = new RtpPeer(); // the caller behind NAT: its RTP comes from another port of the signalling IP
        var call = await AnswerAsync(harness, uac, natMapped);

        await natMapped.SendAudioAsync(2);
        await natMapped.SendKeyAsync('5');
        await uac.Rtp.SendKeyAsync('6'); // the SDP's port, too late: the NAT's port is latched
        await natMapped.SendKeyAsync('7');

        Assert.True(await call.WaitForAsync("digit:7", 10), string.Join(", ", call.Events));
        Assert.True(await call.WaitForAsync("played:1:finished", 10), string.Join(", ", call.Events));
        Assert.Equal(['5', '7'], call.Digits);
        Assert.NotEmpty(natMapped.Received); // once latched, the prompt goes where the caller's RTP comes from
        await HangUpAsync(harness, uac, call);
    }

    private static async Task<FakeCall> AnswerAsync(TelephonyHarness harness, SipUac uac, RtpPeer other)
    {
        var responses = await uac.InviteAsync(uac.Offer());
        Assert.Equal(200, responses[^1].StatusCode);
        var media = SipUac.MediaOf(SipUac.SdpOf(responses[^1]));
        uac.Rtp.Target = media;
        other.Target = media;
        await uac.AckAsync();
        return await harness.WaitForCallAsync();
    }

    private static async Task HangUpAsync(TelephonyHarness harness, SipUac uac, FakeCall call)
    {
        await uac.SendAsync(uac.Request("BYE"));
        Assert.Equal(200, (await uac.ReceiveUntilFinalAsync("BYE"))[^1].StatusCode);
        Assert.True(await call.WaitForAsync("hungup:caller"), string.Join(", ", call.Events));
        Assert.True(await Poll.UntilAsync(() => harness.Server.Ports.InUse == 0, 10), "the RTP port was not released");
    }
}
