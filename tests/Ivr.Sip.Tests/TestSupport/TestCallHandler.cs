using System.Net;
using Ivr.Sip.Sdp;
using Ivr.Sip.UserAgent;

namespace Ivr.Sip.Tests.TestSupport;

/// <summary>A call handler that records every callback and, by default, rings and answers with an SDP answer.</summary>
public sealed class TestCallHandler : ISipCallHandler
{
    public static readonly SdpLocalMedia Media = new(IPAddress.Loopback, 40000);

    public bool AutoAnswer { get; set; } = true;

    private readonly List<string> _events = [];
    private readonly List<SipCall> _calls = [];

    /// <summary>A snapshot of the callbacks so far (safe to read while the stack runs on another thread).</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public IReadOnlyList<SipCall> Calls
    {
        get
        {
            lock (_events)
            {
                return _calls.ToList();
            }
        }
    }

    public Func<SessionDescription?, SessionDescription?> Reinvite { get; set; } =
        offer => offer is null ? SdpOfferAnswer.CreateOffer(Media) : SdpOfferAnswer.Answer(offer, Media).Answer;

    public List<(string? ContentType, byte[] Body)> Infos { get; } = [];

    public void OnIncomingCall(SipCall call)
    {
        lock (_events)
        {
            _calls.Add(call);
        }

        Record("incoming");
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

    public void OnCallConfirmed(SipCall call) => Record("confirmed");

    public SessionDescription? OnReinvite(SipCall call, SessionDescription? offer)
    {
        Record(offer is not null && SdpOfferAnswer.IsHold(offer) ? "reinvite-hold" : "reinvite");
        return Reinvite(offer);
    }

    public void OnInfo(SipCall call, string? contentType, ReadOnlyMemory<byte> body)
    {
        Record("info");
        Infos.Add((contentType, body.ToArray()));
    }

    public void OnCallEnded(SipCall call, SipCallEndReason reason) => Record($"ended:{reason}");

    private void Record(string e)
    {
        lock (_events)
        {
            _events.Add(e);
        }
    }
}
