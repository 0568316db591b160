using Ivr.Core.Channel;
using Ivr.Sip.Sdp;
using Ivr.Sip.Transactions;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>Offer/answer and admission over loopback SIP: 488, 404, late offer, no flow, re-INVITE.</summary>
public sealed class CallSetupTests
{
    [Fact]
    public async Task Invite_OnlyG729Offered_Rejected488AndPortReleased()
    {
        await using var harness = new TelephonyHarness();
        using var uac = new SipUac(harness.SipEndPoint);

        var responses = await uac.InviteAsync(uac.Offer(formats: "18", telephoneEvent: false).Replace("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:18 G729/8000\r\n"));

        Assert.Equal(488, responses[^1].StatusCode);
        Assert.True(await Poll.UntilAsync(() => harness.Server.ActiveCalls == 0 && harness.Server.Ports.InUse == 0));
        Assert.Empty(harness.Calls);
    }

    [Fact]
    public async Task Invite_NumberNotServed_Rejected404WithoutStartingAFlow()
    {
        await using var harness = new TelephonyHarness(canAnswer: dialled => dialled == "12333");
        using var uac = new SipUac(harness.SipEndPoint, dialled: "95555");

        var responses = await uac.InviteAsync(uac.Offer());

        Assert.Equal(404, responses[^1].StatusCode);
        Assert.Empty(harness.Calls);
        Assert.Equal(0, harness.Server.Ports.InUse);
    }

    [Fact]
    public async Task Invite_WithoutSdp_OffersInOkAndUsesTheAnswerInAck()
    {
        await using var harness = new TelephonyHarness(onStart: call =>
            call.Channel.Play(new PlayRequest(1, [TelephonyHarness.TonePrompt(TimeSpan.FromMilliseconds(200))], false)));
        using var uac = new SipUac(harness.SipEndPoint);

        var responses = await uac.InviteAsync(sdp: null);

        var offer = SipUac.SdpOf(responses[^1]);
        Assert.Equal(["0", "8", "101"], offer.Media[0].Formats);
        uac.Rtp.Target = SipUac.MediaOf(offer);
        var answer = uac.Offer(formats: "8 101").Replace("a=rtpmap:0 PCMU/8000\r\n", "");
        await uac.AckAsync(answer);
        var call = await harness.WaitForCallAsync();
        Assert.True(await call.WaitForAsync("played:1:finished"), string.Join(", ", call.Events));
        Assert.True(await Poll.UntilAsync(() => uac.Rtp.Received.Count >= 9));
        Assert.All(uac.Rtp.Received, p => Assert.Equal(8, p.Header.PayloadType)); // PCMA, as the answer chose
    }

    [Fact]
    public async Task Confirmed_NoFlowAnswers_ServerSendsBye()
    {
        await using var harness = new TelephonyHarness(refuse: _ => true);
        using var uac = new SipUac(harness.SipEndPoint);

        var responses = await uac.InviteAsync(uac.Offer());
        Assert.Equal(200, responses[^1].StatusCode);
        await uac.AckAsync();

        var bye = await uac.ReceiveRequestAndAnswerAsync("BYE");
        Assert.Equal(uac.CallId, bye.CallId);
        Assert.True(await Poll.UntilAsync(() => harness.Server.ActiveCalls == 0 && harness.Server.Ports.InUse == 0));
    }

    [Fact]
    public async Task Answered_NoAck_ByeAfterTimeoutAndNoFlowStarted()
    {
        await using var harness = new TelephonyHarness(timers: new SipTimerSettings { T1 = TimeSpan.FromMilliseconds(10), T2 = TimeSpan.FromMilliseconds(40) });
        using var uac = new SipUac(harness.SipEndPoint);

        var responses = await uac.InviteAsync(uac.Offer());
        Assert.Equal(200, responses[^1].StatusCode);
        await uac.ReceiveRequestAndAnswerAsync("BYE");

        Assert.True(await Poll.UntilAsync(() => harness.Server.ActiveCalls == 0 && harness.Server.Ports.InUse == 0));
        Assert.Empty(harness.Calls);
    }

    [Fact]
    public async Task Reinvite_Hold_AnsweredOnTheSamePortAndCodec()
    {
        await using var harness = new TelephonyHarness();
        using var uac = new SipUac(harness.SipEndPoint);
        var responses = await uac.InviteAsync(uac.Offer());
        var first = SipUac.SdpOf(responses[^1]);
        await uac.AckAsync();
        await harness.WaitForCallAsync();

        await uac.SendAsync(uac.Request("INVITE", uac.Offer().Replace("a=sendrecv", "a=sendonly")));
        var reinvite = await uac.ReceiveUntilFinalAsync("INVITE");
        await uac.AckAsync();

        Assert.Equal(200, reinvite[^1].StatusCode);
        var answer = SipUac.SdpOf(reinvite[^1]);
        Assert.Equal(first.Media[0].Port, answer.Media[0].Port);
        Assert.Equal("0", answer.Media[0].Formats[0]);
        Assert.Equal(SdpDirection.RecvOnly, answer.DirectionOf(answer.Media[0]));
        Assert.Equal(first.Origin.SessionId, answer.Origin.SessionId);
        Assert.NotEqual(first.Origin.SessionVersion, answer.Origin.SessionVersion);
    }
}
