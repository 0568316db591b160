namespace Ivr.Media.Srtp;

/// <summary>
/// The SRTP crypto suites Ivr speaks (RFC 4568 §6.2): AES in counter mode with a 128-bit key and HMAC-SHA1
/// authentication whose tag is cut to 80 or 32 bits (RFC 3711 §4.1.1, §4.2.1). Both use a 128-bit master key and a
/// 112-bit master salt (30 octets together, the <c>inline:</c> key of an <c>a=crypto</c> line).
/// </summary>
public enum SrtpSuite
{
    AesCm128HmacSha1With80,
    AesCm128HmacSha1With32,
}

/// <summary>The names and sizes that go with an <see cref="SrtpSuite"/>.</summary>
public static class SrtpSuites
{
    public const int MasterKeyLength = 16;

    public const int MasterSaltLength = 14;

    /// <summary>Length of the base64-decoded <c>inline:</c> key: master key then master salt.</summary>
    public const int KeyAndSaltLength = MasterKeyLength + MasterSaltLength;

    /// <summary>The RFC 4568 name, e.g. <c>AES_CM_128_HMAC_SHA1_80</c>.</summary>
    public static string NameOf(SrtpSuite suite) =>
        suite == SrtpSuite.AesCm128HmacSha1With80 ? "AES_CM_128_HMAC_SHA1_80" : "AES_CM_128_HMAC_SHA1_32";

    /// <summary>The suite named <paramref name="name"/> (case-insensitive), or null for one we do not speak.</summary>
    public static SrtpSuite? Parse(string name) => name.ToUpperInvariant() switch
    {
        "AES_CM_128_HMAC_SHA1_80" => SrtpSuite.AesCm128HmacSha1With80,
        "AES_CM_128_HMAC_SHA1_32" => SrtpSuite.AesCm128HmacSha1With32,
        _ => null,
    };

    /// <summary>Octets of the SRTP authentication tag (RFC 3711 §4.2).</summary>
    public static int TagLengthOf(SrtpSuite suite) => suite == SrtpSuite.AesCm128HmacSha1With80 ? 10 : 4;
}
