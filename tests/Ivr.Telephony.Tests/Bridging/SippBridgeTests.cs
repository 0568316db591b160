using Ivr.Core.Channel;
using Ivr.Media.Playout;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Tests.TestSupport;
using Xunit.Abstractions;
using static Ivr.Telephony.Tests.TestSupport.BridgeSetup;

namespace Ivr.Telephony.Tests.Bridging;

/// <summary>
/// The B2BUA fallback end to end with SIPp as the stand-in agent (EndToEnd/Sipp/uas_*.xml): the caller's phone
/// refuses REFER with 405, the IVR dials SIPp, and — when it answers and echoes RTP — the phone's audio and keys
/// travel to the agent and back through both relays. Busy and never-answering agents end the transfer with that
/// reason while the caller stays with the flow. Returns early with a note when sipp is not installed.
/// </summary>
public sealed class SippBridgeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AgentAnswers_MediaAndKeysRelayedBothWays_CallerHangupEndsAgent()
    {
        if (!SippUas.IsInstalled) { output.WriteLine("sipp not installed: test not run"); return; }
        await using var sipp = await SippUas.StartAsync("uas_agent_answer.xml", output, rtpEcho: true);
        await using var ivr = IvrWithDialer($"sip:agents@127.0.0.1:{sipp.Port}");
        using var phone = await ConnectAsync(ivr);
        var call = await ivr.WaitForCallAsync();

        var ivrStream = ((SipCallChannel)call.Channel).Outbound.Sender; // the IVR's own stream: prompts, ring-back
        call.Channel.Transfer(new TransferRequest("general", Context));
        var refer = await ReceiveRequestAsync(phone, "REFER");
        var refused = phone.Rtp.Now;
        await RespondAsync(phone, refer, 405);
        var talking = phone.Rtp.SendAudioAsync(150, Tone.Sine(1000, TimeSpan.FromSeconds(1)));

        Assert.True(await call.WaitForAsync("transfer:True:bridged", 15), string.Join(", ", call.Events) + " // " + string.Join(" | ", ivr.Log));
        await talking;
        await phone.Rtp.SendKeyAsync('7');
        Assert.True(await Poll.UntilAsync(() => phone.Rtp.Received.Count(p => p.Header.PayloadType == 101) >= 3, 5), "the key should come back through both relays");
        // The relay continues the IVR's stream (constant SSRC): relayed packets are those numbered from where it stopped.
        var relayed = phone.Rtp.Received.Where(p => (short)(p.Header.SequenceNumber - ivrStream.NextSequenceNumber) >= 0).ToList();
        var audio = relayed.Where(p => p.Header.PayloadType == 0).ToList();
        output.WriteLine($"relayed back to the phone: {audio.Count} audio, {relayed.Count - audio.Count} event packets; 405 to the REFER → first bridged packet back at the phone (INVITE, 200, ACK, both relays and SIPp's echo): {(relayed[0].Arrival - refused).TotalMilliseconds:0} ms");
        Assert.True(audio.Count >= 50, $"{audio.Count} echoed audio packets came back");
        Assert.True(BridgeLoopbackTests.ShareOf1kHz(audio.Skip(10).Take(20)) > 0.8, "the echo should carry the phone's 1 kHz tone");
        Assert.Equal([ivrStream.Ssrc], phone.Rtp.Received.Select(p => p.Header.Ssrc).Distinct());

        await phone.SendAsync(phone.Request("BYE"));
        Assert.Equal(0, await sipp.FinishAsync());
        Assert.True(await Poll.UntilAsync(() => ivr.Server.Ports.InUse == 0 && ivr.Server.ActiveCalls == 0, 10));
        Assert.DoesNotContain(call.Events, e => e.StartsWith("hungup"));
    }

    [Fact]
    public async Task AgentBusy_TransferFailsBusyCallerStays()
    {
        if (!SippUas.IsInstalled) { output.WriteLine("sipp not installed: test not run"); return; }
        await using var sipp = await SippUas.StartAsync("uas_busy.xml", output);
        await using var ivr = IvrWithDialer($"sip:agents@127.0.0.1:{sipp.Port}");
        using var phone = await ConnectAsync(ivr);
        var call = await ivr.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("general", Context));
        await RespondAsync(phone, await ReceiveRequestAsync(phone, "REFER"), 501);

        Assert.True(await call.WaitForAsync("transfer:False:busy", 15), string.Join(", ", call.Events));
        Assert.Equal(0, await sipp.FinishAsync());
        Assert.Equal(1, ivr.Server.ActiveCalls);
        Assert.Equal(1, ivr.Server.Ports.InUse);
    }

    [Fact]
    public async Task AgentNeverAnswers_RingbackThenNoAnswer()
    {
        if (!SippUas.IsInstalled) { output.WriteLine("sipp not installed: test not run"); return; }
        await using var sipp = await SippUas.StartAsync("uas_no_answer.xml", output);
        await using var ivr = IvrWithDialer($"sip:agents@127.0.0.1:{sipp.Port}", ringTimeout: TimeSpan.FromSeconds(2));
        using var phone = await ConnectAsync(ivr);
        var call = await ivr.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("general", Context));
        await RespondAsync(phone, await ReceiveRequestAsync(phone, "REFER"), 405);

        Assert.True(await call.WaitForAsync("transfer:False:no_answer", 15), string.Join(", ", call.Events) + " // " + string.Join(" | ", ivr.Log));
        Assert.True(phone.Rtp.Received.Count >= 50, $"the phone heard {phone.Rtp.Received.Count} packets of ring-back over 2 s");
        Assert.Equal(0, await sipp.FinishAsync());
        Assert.Equal(1, ivr.Server.ActiveCalls);
    }
}
