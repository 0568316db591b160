using Ivr.Media.Inbound;
using Ivr.Media.Playout;
using Ivr.Telephony.Fax;

namespace Ivr.Telephony.Calls;

/// <summary>
/// The media-side parts of one answered call, over its <see cref="MediaLeg"/>: what it hears
/// (<see cref="InboundMedia"/>: keys, recording, a fax modem's tap), what it plays (<see cref="CallPlayback"/>),
/// its recordings (<see cref="CallRecording"/>) and a fax on the line (<see cref="LineFax"/>). Keys are posted to
/// the call's queue; there a recording's end key is taken by the recording and any other key reported to the flow.
/// </summary>
internal sealed class CallParts
{
    private readonly CallContext _call;
    private readonly MediaLeg _leg;

    public CallParts(CallContext call, NegotiatedMedia media, MediaLeg leg, PlayoutScheduler scheduler)
    {
        _call = call;
        _leg = leg;
        Inbound = new InboundMedia(media.Law, media.TelephoneEventPayloadType, KeyReceived);
        Playback = new CallPlayback(call, scheduler, media, leg.SendPacket); // the leg itself, no closure between
        Recording = new CallRecording(call, Playback, Inbound);
        Fax = new LineFax(call, Playback.Stream, Inbound);
    }

    public InboundMedia Inbound { get; }

    public CallPlayback Playback { get; }

    public CallRecording Recording { get; }

    public LineFax Fax { get; }

    /// <summary>On the RTP receive thread: the key and when it arrived go to the call's queue as a struct (a closure per key
    /// was allocated here before, issue 13).</summary>
    private void KeyReceived(DtmfKeyPress key) =>
        _call.Post(new CallWork(static w => ((CallParts)w.Target).OnKey((char)w.Code, w.Number), this, number: _call.Time.GetTimestamp(), code: key.Key));

    /// <param name="at">When the key arrived (a timestamp of the call's clock), for the key → next prompt figure.</param>
    private void OnKey(char key, long at)
    {
        if (_leg.IsClosed || Recording.TakeKey(key)) return;
        Playback.KeyArrived(at);
        _call.Reports.Report(key, static (i, k) => i.Digit(k));
    }
}
