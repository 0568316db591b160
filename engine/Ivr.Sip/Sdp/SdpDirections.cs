namespace Ivr.Sip.Sdp;

/// <summary>Reads and mirrors direction attributes (RFC 3264 §6.1).</summary>
public static class SdpDirections
{
    public static SdpDirection? Find(IEnumerable<SdpAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            switch (attribute.Name)
            {
                case "sendrecv": return SdpDirection.SendRecv;
                case "sendonly": return SdpDirection.SendOnly;
                case "recvonly": return SdpDirection.RecvOnly;
                case "inactive": return SdpDirection.Inactive;
            }
        }

        return null;
    }

    /// <summary>The answer's direction for an offered one: sendonly ↔ recvonly, others unchanged.</summary>
    public static SdpDirection Mirror(SdpDirection offered) => offered switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => SdpDirection.SendOnly,
        _ => offered,
    };

    public static string ToAttributeName(SdpDirection direction) => direction.ToString().ToLowerInvariant();
}
