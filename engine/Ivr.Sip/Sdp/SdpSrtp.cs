namespace Ivr.Sip.Sdp;

/// <summary>
/// SRTP as offer/answer settled it (RFC 4568 §6.1): the suite, the key the peer protects its packets with (from its
/// a=crypto) and the key we protect ours with (in our a=crypto, made fresh for the call).
/// </summary>
public sealed record SdpSrtp(string Suite, byte[] RemoteKey, byte[] LocalKey)
{
    /// <summary>The tag of the a=crypto line chosen (the answer repeats it, RFC 4568 §6.1).</summary>
    public int Tag { get; init; } = 1;

    public override string ToString() => $"SRTP {Suite}";
}
