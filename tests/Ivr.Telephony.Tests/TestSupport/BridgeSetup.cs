using System.Text;
using Ivr.Sip.Message;
using Ivr.Telephony.Transfers;

namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>An IVR whose queue 'general' points at an agent URI, with a dialer so refused REFERs bridge; and the caller's phone around it.</summary>
public static class BridgeSetup
{
    public static readonly Dictionary<string, string> Context = new() { ["path"] = "main>agent" };

    public static TelephonyHarness IvrWithDialer(string agentUri, BridgeMode mode = BridgeMode.Fallback, TimeSpan? ringTimeout = null)
    {
        var targets = new TransferTargets(
            new Dictionary<string, string> { ["general"] = agentUri }, bridging: new Dictionary<string, BridgeMode> { ["general"] = mode },
            bridgeRingTimeout: ringTimeout ?? TimeSpan.FromSeconds(10));
        return new TelephonyHarness(options: new TelephonyOptions { TransferTargets = targets }, dialer: true);
    }

    /// <summary>The caller's phone calls the IVR, learns where to send RTP and sends one packet (so the IVR latches).</summary>
    public static async Task<SipUac> ConnectAsync(TelephonyHarness harness)
    {
        var uac = new SipUac(harness.SipEndPoint);
        var responses = await uac.InviteAsync(uac.Offer());
        Assert.Equal(200, responses[^1].StatusCode);
        uac.Rtp.Target = SipUac.MediaOf(SipUac.SdpOf(responses[^1]));
        await uac.AckAsync();
        await uac.Rtp.SendAudioAsync(1);
        return uac;
    }

    public static async Task<SipRequest> ReceiveRequestAsync(SipUac uac, string method)
    {
        while (true)
        {
            if (await uac.ReceiveAsync(10) is SipRequest request && request.Method == method) return request;
        }
    }

    public static Task RespondAsync(SipUac uac, SipRequest request, int status) =>
        uac.SendAsync(Encoding.UTF8.GetString(SipSerializer.Serialize(SipResponseFactory.Create(request, status))));
}
