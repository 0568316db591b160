using System.Security.Cryptography;
using System.Text;

namespace Ivr.Sip.Auth;

/// <summary>
/// A digest algorithm of RFC 7616 §3.2 / RFC 8760 §2: MD5, SHA-256 or SHA-512-256, each optionally "-sess"
/// (the session variant: A1 also covers the nonce and cnonce). Hashes are written as lowercase hex.
/// </summary>
public sealed class DigestAlgorithm
{
    private readonly Func<byte[], byte[]> _hash;

    private DigestAlgorithm(string name, bool isSession, Func<byte[], byte[]> hash)
    {
        Name = name;
        IsSession = isSession;
        _hash = hash;
    }

    public static DigestAlgorithm Md5 { get; } = new("MD5", false, MD5.HashData);

    public static DigestAlgorithm Md5Session { get; } = new("MD5-sess", true, MD5.HashData);

    public static DigestAlgorithm Sha256 { get; } = new("SHA-256", false, SHA256.HashData);

    public static DigestAlgorithm Sha256Session { get; } = new("SHA-256-sess", true, SHA256.HashData);

    public static DigestAlgorithm Sha512Truncated { get; } = new("SHA-512-256", false, b => Sha512Truncated256.Hash(b));

    public static DigestAlgorithm Sha512TruncatedSession { get; } = new("SHA-512-256-sess", true, b => Sha512Truncated256.Hash(b));

    /// <summary>The name as written in the algorithm parameter.</summary>
    public string Name { get; }

    public bool IsSession { get; }

    /// <summary>The algorithm a challenge names (no case); MD5 when it names none (RFC 2617 §3.2.1); null when unknown.</summary>
    public static DigestAlgorithm? FromName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Md5;
        }

        DigestAlgorithm[] all = [Md5, Md5Session, Sha256, Sha256Session, Sha512Truncated, Sha512TruncatedSession];
        return all.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>H(text): the hash of the UTF-8 bytes as lowercase hex.</summary>
    public string Hash(string text) => Convert.ToHexStringLower(_hash(Encoding.UTF8.GetBytes(text)));

    public override string ToString() => Name;
}
