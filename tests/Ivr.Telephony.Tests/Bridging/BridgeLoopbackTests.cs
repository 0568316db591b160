using Ivr.Core.Channel;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Outbound;
using Ivr.Telephony.Tests.TestSupport;
using static Ivr.Telephony.Tests.TestSupport.BridgeSetup;
using Ivr.Telephony.Transfers;

namespace Ivr.Telephony.Tests.Bridging;

/// <summary>
/// The B2BUA fallback over loopback: a test phone calls the IVR and refuses its REFER; the IVR dials the agent (our
/// own telephony server standing in, playing a 1 kHz tone) and relays media both ways.
/// </summary>
public sealed class BridgeLoopbackTests
{
    [Fact]
    public async Task Refer405_BridgesToAgent_MediaBothWaysAndAgentHangupEndsCaller()
    {
        await using var agent = ToneAgent();
        await using var ivr = IvrWithDialer($"sip:agents@127.0.0.1:{agent.SipEndPoint.Port}");
        using var phone = await ConnectAsync(ivr);
        var call = await ivr.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("general", Context));
        await RespondAsync(phone, await ReceiveRequestAsync(phone, "REFER"), 405);

        Assert.True(await call.WaitForAsync("transfer:True:bridged", 15), string.Join(", ", call.Events) + " // " + string.Join(" | ", ivr.Log));
        var agentCall = await agent.WaitForCallAsync();
        var agentChannel = (SipCallChannel)agentCall.Channel;
        phone.Rtp.Received.Clear();
        Assert.True(await Poll.UntilAsync(() => phone.Rtp.Received.Count >= 20, 10), $"the phone received {phone.Rtp.Received.Count} packets from the bridge");
        Assert.True(ShareOf1kHz(phone.Rtp.Received.Skip(5).Take(10)) > 0.8, "the phone should hear the agent's 1 kHz tone");

        var before = agentChannel.Inbound.AudioPackets;
        await phone.Rtp.SendAudioAsync(25, Ivr.Media.Playout.Tone.Sine(1000, TimeSpan.FromSeconds(1)));
        await phone.Rtp.SendKeyAsync('5');
        Assert.True(await Poll.UntilAsync(() => agentChannel.Inbound.AudioPackets - before >= 20, 10), $"the agent received {agentChannel.Inbound.AudioPackets - before} packets");
        Assert.True(await agentCall.WaitForAsync("digit:5", 10), string.Join(", ", agentCall.Events));

        agentCall.Channel.Hangup("agent_done");
        await phone.ReceiveRequestAndAnswerAsync("BYE", 10);
        Assert.True(await Poll.UntilAsync(() => ivr.Server.ActiveCalls == 0 && ivr.Server.Ports.InUse == 0, 10));
        Assert.DoesNotContain(call.Events, e => e.StartsWith("hungup"));
    }

    [Fact]
    public async Task Bridged_CallerSeesPromptRingbackAndAgentAsOneMonotonicStream()
    {
        await using var agent = ToneAgent();
        await using var ivr = IvrWithDialer($"sip:agents@127.0.0.1:{agent.SipEndPoint.Port}");
        using var phone = await ConnectAsync(ivr);
        var call = await ivr.WaitForCallAsync();
        call.Channel.Play(new PlayRequest(7, [TelephonyHarness.TonePrompt(TimeSpan.FromMilliseconds(400))], false));
        Assert.True(await call.WaitForAsync("played:7:finished", 15), string.Join(", ", call.Events));

        call.Channel.Transfer(new TransferRequest("general", Context));
        await RespondAsync(phone, await ReceiveRequestAsync(phone, "REFER"), 405);
        Assert.True(await call.WaitForAsync("transfer:True:bridged", 15), string.Join(", ", call.Events) + " // " + string.Join(" | ", ivr.Log));
        var prompts = phone.Rtp.Received.Count;
        Assert.True(await Poll.UntilAsync(() => phone.Rtp.Received.Count >= prompts + 25, 10), $"the phone received {phone.Rtp.Received.Count - prompts} packets from the bridge");

        var packets = phone.Rtp.Received.ToArray();
        Assert.Single(packets.Select(p => p.Header.Ssrc).Distinct());
        for (var i = 1; i < packets.Length; i++)
        {
            var (before, after) = (packets[i - 1].Header, packets[i].Header);
            Assert.True((short)(after.SequenceNumber - before.SequenceNumber) > 0, $"packet {i}: sequence {before.SequenceNumber} → {after.SequenceNumber}");
            Assert.True((int)(after.Timestamp - before.Timestamp) > 0, $"packet {i}: timestamp {before.Timestamp} → {after.Timestamp}");
        }

        Assert.True(ShareOf1kHz(packets.TakeLast(10)) > 0.8, "the tail of the stream should be the agent's 1 kHz tone");
        (await agent.WaitForCallAsync()).Channel.Hangup("agent_done");
        await phone.ReceiveRequestAndAnswerAsync("BYE", 10);
    }

    [Fact]
    public async Task Refer405_AgentRefuses_FailureReportedAndCallerStaysWithTheFlow()
    {
        await using var agent = new TelephonyHarness(canAnswer: _ => false, options: new TelephonyOptions { RtpPortMin = 42000, RtpPortMax = 42999 });
        await using var ivr = IvrWithDialer($"sip:agents@127.0.0.1:{agent.SipEndPoint.Port}");
        using var phone = await ConnectAsync(ivr);
        var call = await ivr.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("general", Context));
        await RespondAsync(phone, await ReceiveRequestAsync(phone, "REFER"), 501);

        Assert.True(await call.WaitForAsync("transfer:False:rejected", 15), string.Join(", ", call.Events));
        Assert.Equal(1, ivr.Server.ActiveCalls);
        Assert.Equal(1, ivr.Server.Ports.InUse);
        Assert.False(call.Channel is SipCallChannel { IsClosed: true });
    }

    [Fact]
    public async Task CallerHangsUpWhileAgentRings_DialAbandonedNothingReported()
    {
        await using var ivr = IvrWithDialer("sip:agents@127.0.0.1:9", BridgeMode.Always);
        using var phone = await ConnectAsync(ivr);
        var call = await ivr.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("general", Context));
        Assert.True(await Poll.UntilAsync(() => phone.Rtp.Received.Count >= 10, 5), "ring-back should play while the agent is dialled");
        await phone.SendAsync(phone.Request("BYE"));

        Assert.True(await call.WaitForAsync("hungup:caller", 10), string.Join(", ", call.Events));
        Assert.DoesNotContain(call.Events, e => e.StartsWith("transfer"));
    }

    /// <summary>Our own telephony server standing in for the agent: answers and plays a 1 kHz tone for 20 s.</summary>
    private static TelephonyHarness ToneAgent() => new(onStart: call =>
        call.Channel.Play(new PlayRequest(1, [TelephonyHarness.TonePrompt(TimeSpan.FromSeconds(20))], false)),
        options: new TelephonyOptions { RtpPortMin = 42000, RtpPortMax = 42999 });

    internal static double ShareOf1kHz(IEnumerable<ReceivedRtp> packets)
    {
        var samples = new List<short>();
        foreach (var packet in packets)
        {
            var decoded = new short[packet.Payload.Length];
            Ivr.Media.Codecs.G711.Decode(packet.Header.PayloadType == 8 ? Ivr.Media.Codecs.G711Law.ALaw : Ivr.Media.Codecs.G711Law.MuLaw, packet.Payload, decoded);
            samples.AddRange(decoded);
        }

        return Goertzel.ShareAt(samples.ToArray(), 1000);
    }
}
