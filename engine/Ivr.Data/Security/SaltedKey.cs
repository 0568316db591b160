using System.Security.Cryptography;
using System.Text;

namespace Ivr.Data.Security;

/// <summary>A salted SHA-256 (first 128 bits, hex) — unkeyed, so never stored any more: the PIN tables store its
/// <see cref="HashKey.Rekey"/>. Kept as the first step of <see cref="HashKey"/> so rows of migrations 9–22, which stored
/// this form, carry over to the keyed one.</summary>
internal static class SaltedKey
{
    public static string Of(string salt, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(salt + value));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
