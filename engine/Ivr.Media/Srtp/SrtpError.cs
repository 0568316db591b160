namespace Ivr.Media.Srtp;

/// <summary>Why an SRTP packet was dropped (RFC 3711 §3.3.2): not RTP, replayed, or its tag did not match.</summary>
public enum SrtpError
{
    None,
    NotSrtp,
    Replayed,
    AuthenticationFailed,
}
