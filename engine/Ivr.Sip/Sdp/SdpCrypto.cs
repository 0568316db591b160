namespace Ivr.Sip.Sdp;

/// <summary>
/// One <c>a=crypto</c> line of SDES (RFC 4568 §9.1): <c>tag suite inline:KEY[|lifetime][|MKI:length]</c>, the key being
/// the base64 of the 30-octet master key and salt. Only what Ivr uses is kept: the tag, the suite name and the key.
/// Lines Ivr cannot honour — an unknown suite, several keys, an MKI, session parameters (e.g. UNENCRYPTED_SRTP) or a
/// key of the wrong length — do not parse, so the negotiation passes over them to the next line (§6.1).
/// </summary>
public sealed record SdpCrypto(int Tag, string Suite, byte[] KeyAndSalt)
{
    public const string AttributeName = "crypto";

    /// <summary>The suites Ivr speaks, best first (RFC 4568 §6.2; RFC 3711's default first).</summary>
    public static readonly IReadOnlyList<string> SupportedSuites = ["AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"];

    /// <summary>Master key (16) plus master salt (14) of the supported suites.</summary>
    public const int KeyAndSaltLength = 30;

    /// <summary>The first line of <paramref name="media"/> Ivr can honour, in the offerer's order (§6.1), or null.</summary>
    public static SdpCrypto? FirstSupported(MediaDescription media) =>
        media.Attributes.Where(a => a.Name == AttributeName && a.Value is not null).Select(a => Parse(a.Value!)).FirstOrDefault(c => c is not null);

    /// <summary>The value of an <c>a=crypto</c> attribute, or null when Ivr cannot use it.</summary>
    public static SdpCrypto? Parse(string value)
    {
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 3 || !int.TryParse(fields[0], out var tag) || tag is < 0 or > 999_999_999) return null;
        var suite = SupportedSuites.FirstOrDefault(s => s.Equals(fields[1], StringComparison.OrdinalIgnoreCase));
        if (suite is null || !fields[2].StartsWith("inline:", StringComparison.OrdinalIgnoreCase) || fields[2].Contains(';')) return null;
        var keyParts = fields[2]["inline:".Length..].Split('|');
        if (keyParts.Length > 2 || (keyParts.Length == 2 && keyParts[1].Contains(':'))) return null; // an MKI
        var key = new byte[KeyAndSaltLength];
        return Convert.TryFromBase64String(keyParts[0], key, out var written) && written == KeyAndSaltLength
            ? new SdpCrypto(tag, suite, key)
            : null;
    }

    public SdpAttribute ToAttribute() => new(AttributeName, $"{Tag} {Suite} inline:{Convert.ToBase64String(KeyAndSalt)}");

    /// <summary>Key material is never printed.</summary>
    public override string ToString() => $"{Tag} {Suite} inline:…";
}
