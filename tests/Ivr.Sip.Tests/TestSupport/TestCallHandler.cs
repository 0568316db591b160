using System.Net;
using Ivr.Sip.Sdp;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Tests.TestSupport;

/// <summary>A call handler that records every callback and, by default, rings and answers with an SDP answer.</summary>
public sealed class TestCallHandler : ISipCallHandler
{
    public static readonly SdpLocalMedia Media = new(IPAddress.Loopback, 40000);

    public bool AutoAnswer { get; set; } = true;

    public List<string> Events { get; } = [];

    public List<SipCall> Calls { get; } = [];

    public Func<SessionDescription?, SessionDescription?> Reinvite { get; set; } =
        offer => offer is null ? SdpOfferAnswer.CreateOffer(Media) : SdpOfferAnswer.Answer(offer, Media).Answer;

    public List<(string? ContentType, byte[] Body)> Infos { get; } = [];

    public void OnIncomingCall(SipCall call)
    {
        Calls.Add(call);
        Events.Add("incoming");
        if (!AutoAnswer)
        {
            return;
        }

        call.Ring();
        if (call.RemoteOffer is null)
        {
            call.Answer(SdpOfferAnswer.CreateOffer(Media));
            return;
        }

        var negotiation = SdpOfferAnswer.Answer(call.RemoteOffer, Media);
        if (negotiation.IsAccepted)
        {
            call.Answer(negotiation.Answer!);
        }
        else
        {
            call.Reject(488);
        }
    }

    public void OnCallConfirmed(SipCall call) => Events.Add("confirmed");

    public SessionDescription? OnReinvite(SipCall call, SessionDescription? offer)
    {
        Events.Add(offer is not null && SdpOfferAnswer.IsHold(offer) ? "reinvite-hold" : "reinvite");
        return Reinvite(offer);
    }

    public void OnInfo(SipCall call, string? contentType, ReadOnlyMemory<byte> body)
    {
        Events.Add("info");
        Infos.Add((contentType, body.ToArray()));
    }

    public void OnCallEnded(SipCall call, SipCallEndReason reason) => Events.Add($"ended:{reason}");
}
