namespace Ivr.Sip.Sdp;

/// <summary>Media direction attributes (RFC 4566 §6, RFC 3264 §5.1, §6.1).</summary>
public enum SdpDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
