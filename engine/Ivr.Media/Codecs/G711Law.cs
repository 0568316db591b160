namespace Ivr.Media.Codecs;

/// <summary>The two G.711 companding laws; the value is the static RTP payload type (RFC 3551 §6).</summary>
public enum G711Law : byte
{
    /// <summary>PCMU, payload type 0 (North America, Japan).</summary>
    MuLaw = 0,

    /// <summary>PCMA, payload type 8 (Europe, China).</summary>
    ALaw = 8,
}
