using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.EndToEnd;

/// <summary>
/// How the assist headers of issue 16 reach a call over real SIP (loopback UDP). The PBX's own INVITE to 12333-auth
/// with <c>X-Ivr-Return</c>/<c>X-Ivr-Purpose</c> header fields starts the call with them (the form the IVR supports).
/// An INVITE that carries them as URI headers of its Request-URI — what baresip 1.0 sends after following a PBX's
/// REFER to <c>sip:12333-auth@ivr?X-Ivr-Return=…</c> — is refused 400 by the SIP stack (RFC 4475 §3.1.2.11,
/// tests/Ivr.Sip.Tests/Torture/escruri) and starts nothing: the REFER form needs a phone that makes them header fields.
/// </summary>
public sealed class AssistInviteTests
{
    [Fact]
    public async Task Invite_AssistHeaderFields_ReachTheCall()
    {
        await using var harness = new TelephonyHarness();
        using var uac = new SipUac(harness.SipEndPoint, dialled: "12333-auth");
        var invite = uac.Request("INVITE", uac.Offer())
            .Replace("Content-Type:", "X-Ivr-Return: <sip:agent1001@pbx.example>\r\nX-Ivr-Purpose: pin_change\r\nX-Ivr-Other: dropped\r\nContent-Type:");
        Assert.Contains("X-Ivr-Purpose: pin_change", invite);

        await uac.SendAsync(invite);
        var responses = await uac.ReceiveUntilFinalAsync("INVITE");
        Assert.Equal(200, responses[^1].StatusCode);
        await uac.SendAsync(uac.Request("ACK", cseq: responses[^1].CSeq!.Value.Number)
            .Replace("To: <sip:12333-auth@127.0.0.1>", $"To: <sip:12333-auth@127.0.0.1>;tag={responses[^1].To?.Tag}"));
        var call = await harness.WaitForCallAsync();

        Assert.Equal("12333-auth", call.Info.Dialled);
        Assert.Equal(2, call.Info.Headers!.Count);
        Assert.Equal(("<sip:agent1001@pbx.example>", "pin_change"), (call.Info.Headers["X-Ivr-Return"], call.Info.Headers["X-Ivr-Purpose"]));
    }

    [Fact]
    public async Task Invite_RequestUriCarryingTheAssistHeaders_Refused400_NoCall()
    {
        await using var harness = new TelephonyHarness();
        using var uac = new SipUac(harness.SipEndPoint, dialled: "12333-auth");
        var requestLine = $"INVITE sip:12333-auth@127.0.0.1:{harness.SipEndPoint.Port} SIP/2.0";
        var invite = uac.Request("INVITE", uac.Offer()).Replace(requestLine,
            $"INVITE sip:12333-auth@127.0.0.1:{harness.SipEndPoint.Port}?X-Ivr-Return=%3Csip%3Aagent1001%40pbx.example%3E&X-Ivr-Purpose=verify SIP/2.0");
        Assert.Contains("?X-Ivr-Return=", invite);

        await uac.SendAsync(invite);
        var responses = await uac.ReceiveUntilFinalAsync("INVITE");

        Assert.Equal(400, responses[^1].StatusCode);
        Assert.Empty(harness.Calls);
        Assert.Equal(0, harness.Server.Ports.InUse);
    }
}
