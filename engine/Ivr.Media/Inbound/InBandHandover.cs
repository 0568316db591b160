namespace Ivr.Media.Inbound;

/// <summary>
/// The one moment a key may be heard twice under <c>dtmfmode=auto</c>: a gateway that sends both tones and RFC 4733
/// events, whose tone was detected in-band (≥ 40 ms into it) before the event's first packet arrived. That event
/// starts (its RTP timestamp, on the audio's clock: RFC 4733 §2.3.1) before the detection or within the audio packet
/// it was detected in; a later press of the same key starts after the tone ended, so later still. One-shot: only the
/// first RFC 4733 press after in-band detection stops is compared. Used on the receiving thread only.
/// </summary>
internal sealed class InBandHandover
{
    /// <summary>How far after the detecting packet's timestamp the event may start: that packet's 20 ms.</summary>
    private const int SlackSamples = 160;

    /// <summary>How long before the detection the event may have started: a tone of up to a second.</summary>
    private const int WindowSamples = 8000;

    private char? _key;
    private uint _detectedAt;

    /// <summary>A key was detected in the audio packet of RTP timestamp <paramref name="timestamp"/>.</summary>
    public void HeardInBand(char key, uint timestamp)
    {
        _key = key;
        _detectedAt = timestamp;
    }

    /// <summary>Whether the first RFC 4733 press (of <paramref name="key"/>, starting at <paramref name="eventStart"/>) is the press already heard in-band.</summary>
    public bool SamePressAsInBand(char key, uint eventStart)
    {
        var heard = _key;
        _key = null;
        if (heard != key) return false;
        var offset = unchecked((int)(eventStart - _detectedAt));
        return offset is >= -WindowSamples and <= SlackSamples;
    }
}
