using Ivr.Media.Dtmf;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// A re-INVITE renegotiates the media but keeps the RFC 4733 receiver's memory: a stream that moves gets a new SSRC
/// and starts afresh by itself, while the end packets of a press that straddles the re-INVITE on the same stream must
/// stay one press. (This is why the receiver has no Reset to call on renegotiation.)
/// </summary>
public sealed class ReinviteKeyTests
{
    private const uint PressTimestamp = 100_000; // before the peer's own timestamps, so its next key is newer

    [Fact]
    public async Task Reinvite_DuringAKeyPress_ThePressIsReportedOnce()
    {
        await using var harness = new TelephonyHarness();
        using var uac = new SipUac(harness.SipEndPoint);
        var responses = await uac.InviteAsync(uac.Offer());
        uac.Rtp.Target = SipUac.MediaOf(SipUac.SdpOf(responses[^1]));
        await uac.AckAsync();
        var call = await harness.WaitForCallAsync();

        await SendPressAsync(uac, '5', end: false);
        Assert.True(await call.WaitForAsync("digit:5"), string.Join(", ", call.Events));
        await uac.SendAsync(uac.Request("INVITE", uac.Offer()));
        Assert.Equal(200, (await uac.ReceiveUntilFinalAsync("INVITE"))[^1].StatusCode);
        await uac.AckAsync();
        await SendPressAsync(uac, '5', end: true);
        await uac.Rtp.SendKeyAsync('8');

        Assert.True(await call.WaitForAsync("digit:8"), string.Join(", ", call.Events));
        Assert.Equal("58", new string(call.Digits.ToArray()));
    }

    /// <summary>The first half of a press (three updates) or its second half (the end packet three times), all at one timestamp.</summary>
    private static async Task SendPressAsync(SipUac uac, char key, bool end)
    {
        var code = (byte)DtmfKey.ToEvent(key)!.Value;
        var block = new byte[4];
        for (var i = 1; i <= 3; i++)
        {
            new Rfc4733Event(code, end, 10, (ushort)(end ? 640 : i * 160)).WriteTo(block);
            await uac.Rtp.SendAsync(101, block, marker: !end && i == 1, PressTimestamp);
            await Task.Delay(20);
        }
    }
}
