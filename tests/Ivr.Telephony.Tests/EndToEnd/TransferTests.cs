using System.Text;
using Ivr.Core.Channel;
using Ivr.Sip.Message;
using Ivr.Telephony.Tests.TestSupport;
using Ivr.Telephony.Transfers;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// Transfer by REFER over loopback UDP: the test UAC plays the caller's phone (the transferee), answering
/// the REFER and reporting the agent leg in NOTIFY sipfrags.
/// </summary>
public sealed class TransferTests
{
    private static readonly Dictionary<string, string> Context = new() { ["path"] = "main>agent", ["reason"] = "agent_requested", ["identity"] = "110101********1234" };

    [Fact]
    public async Task Transfer_NoTargetsConfigured_NotSupportedWithoutRefer()
    {
        await using var harness = new TelephonyHarness();
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("general", Context));

        Assert.True(await call.WaitForAsync("transfer:False:not_supported"));
    }

    [Fact]
    public async Task Transfer_UnknownQueue_NoQueue()
    {
        await using var harness = new TelephonyHarness(options: WithTargets());
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("pension", Context));

        Assert.True(await call.WaitForAsync("transfer:False:no_queue"));
    }

    [Fact]
    public async Task Transfer_Accepted_Notify200_SucceedsAndIvrLegEndsWithBye()
    {
        await using var harness = new TelephonyHarness(options: WithTargets());
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("general", Context));
        var refer = await ReceiveRequestAsync(uac, "REFER");
        Assert.Equal(
            "<sip:agents-general@127.0.0.1:5070?X-Ivr-Queue=general&X-Ivr-Identity=110101********1234&X-Ivr-Path=main%3Eagent&X-Ivr-Reason=agent_requested>",
            refer.Headers.Get("Refer-To")); // the context also as URI headers: the transferee copies them into its INVITE
        Assert.Equal("general", refer.Headers.Get("X-Ivr-Queue"));
        Assert.Equal("main>agent", refer.Headers.Get("X-Ivr-Path"));
        Assert.Equal("agent_requested", refer.Headers.Get("X-Ivr-Reason"));
        Assert.Equal("110101********1234", refer.Headers.Get("X-Ivr-Identity"));
        await RespondAsync(uac, refer, 202);
        await NotifyAsync(uac, "SIP/2.0 100 Trying", "active;expires=60");
        await NotifyAsync(uac, "SIP/2.0 200 OK", "terminated;reason=noresource");

        Assert.True(await call.WaitForAsync("transfer:True:answered"));
        await uac.ReceiveRequestAndAnswerAsync("BYE");
        Assert.True(await Poll.UntilAsync(() => harness.Server.ActiveCalls == 0, 5));
        Assert.DoesNotContain(call.Events, e => e.StartsWith("hungup"));
    }

    [Fact]
    public async Task Transfer_Notify486_BusyAndCallStaysUp()
    {
        await using var harness = new TelephonyHarness(options: WithTargets());
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("general", Context));
        await RespondAsync(uac, await ReceiveRequestAsync(uac, "REFER"), 202);
        await NotifyAsync(uac, "SIP/2.0 486 Busy Here", "terminated;reason=noresource");

        Assert.True(await call.WaitForAsync("transfer:False:busy"));
        Assert.Equal(1, harness.Server.ActiveCalls);
    }

    [Fact]
    public async Task Transfer_Refer405_NotSupported()
    {
        await using var harness = new TelephonyHarness(options: WithTargets());
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("general", Context));
        await RespondAsync(uac, await ReceiveRequestAsync(uac, "REFER"), 405);

        Assert.True(await call.WaitForAsync("transfer:False:not_supported"));
        Assert.Equal(1, harness.Server.ActiveCalls);
    }

    [Fact]
    public async Task Transfer_SecondWhileFirstRuns_InProgressAndOneRefer()
    {
        await using var harness = new TelephonyHarness(options: WithTargets());
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("general", Context));
        call.Channel.Transfer(new TransferRequest("general", Context));
        var refer = await ReceiveRequestAsync(uac, "REFER");

        Assert.True(await call.WaitForAsync("transfer:False:in_progress"));
        await RespondAsync(uac, refer, 603);
        Assert.True(await call.WaitForAsync("transfer:False:rejected"));
    }

    [Fact]
    public async Task Transfer_AcceptedThenSilence_Timeout()
    {
        await using var harness = new TelephonyHarness(options: WithTargets(TimeSpan.FromMilliseconds(300)));
        using var uac = await ConnectAsync(harness);
        var call = await harness.WaitForCallAsync();

        call.Channel.Transfer(new TransferRequest("general", Context));
        await RespondAsync(uac, await ReceiveRequestAsync(uac, "REFER"), 202);

        Assert.True(await call.WaitForAsync("transfer:False:timeout"));
    }

    private static TelephonyOptions WithTargets(TimeSpan? timeout = null) => new()
    {
        TransferTargets = new TransferTargets(new Dictionary<string, string> { ["general"] = "sip:agents-general@127.0.0.1:5070" }, timeout),
    };

    private static async Task<SipUac> ConnectAsync(TelephonyHarness harness)
    {
        var uac = new SipUac(harness.SipEndPoint);
        var responses = await uac.InviteAsync(uac.Offer());
        Assert.Equal(200, responses[^1].StatusCode);
        await uac.AckAsync();
        return uac;
    }

    private static async Task<SipRequest> ReceiveRequestAsync(SipUac uac, string method)
    {
        while (true)
        {
            if (await uac.ReceiveAsync() is SipRequest request && request.Method == method) return request;
        }
    }

    private static Task RespondAsync(SipUac uac, SipRequest request, int status) =>
        uac.SendAsync(Encoding.UTF8.GetString(SipSerializer.Serialize(SipResponseFactory.Create(request, status))));

    /// <summary>A refer NOTIFY in the dialog; waits for the server's 200.</summary>
    private static async Task NotifyAsync(SipUac uac, string sipfrag, string subscriptionState)
    {
        var text = uac.Request("NOTIFY", sipfrag + "\r\n", contentType: "message/sipfrag")
            .Replace("Content-Type:", $"Event: refer\r\nSubscription-State: {subscriptionState}\r\nContent-Type:");
        await uac.SendAsync(text);
        var responses = await uac.ReceiveUntilFinalAsync("NOTIFY");
        Assert.Equal(200, responses[^1].StatusCode);
    }
}
