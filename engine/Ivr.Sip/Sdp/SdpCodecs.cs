namespace Ivr.Sip.Sdp;

/// <summary>The payload formats Ivr speaks (RFC 3551 §6 static types; RFC 4733 telephone-event).</summary>
public static class SdpCodecs
{
    public const int Pcmu = 0;
    public const int Pcma = 8;
    public const string TelephoneEvent = "telephone-event";

    public static string NameOf(int staticPayloadType) => staticPayloadType switch
    {
        Pcmu => "PCMU",
        Pcma => "PCMA",
        _ => throw new ArgumentOutOfRangeException(nameof(staticPayloadType), staticPayloadType, "only PCMU (0) and PCMA (8) are supported"),
    };

    /// <summary>
    /// Maps an offered format to PCMU/PCMA: by its rtpmap when present (names compare case-insensitively),
    /// else by the static type number. Returns the static type (0 or 8), or null for any other codec.
    /// </summary>
    public static int? G711TypeOf(MediaDescription media, string format)
    {
        if (!int.TryParse(format, out var pt))
        {
            return null;
        }

        var map = media.GetRtpMap(pt);
        if (map is not null)
        {
            if (map.ClockRate != 8000 || map.Channels is > 1)
            {
                return null;
            }

            return map.EncodingName.ToUpperInvariant() switch { "PCMU" => Pcmu, "PCMA" => Pcma, _ => null };
        }

        return pt is Pcmu or Pcma ? pt : null;
    }
}
