namespace Ivr.Media.Inbound;

/// <summary>How a key press reached us.</summary>
public enum DtmfSource
{
    /// <summary>RFC 4733 telephone-event packets.</summary>
    Rfc4733,

    /// <summary>Tones in the audio, found by the Goertzel detector.</summary>
    InBand,

    /// <summary>A SIP INFO request (application/dtmf-relay or application/dtmf).</summary>
    SipInfo,
}
