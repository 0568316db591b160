using System.Security.Cryptography;
using System.Text;

namespace Ivr.Data.Security;

/// <summary>A salted SHA-256 (first 128 bits, hex): what the PIN tables store instead of a value that must not be
/// kept in clear, enough to tell values apart and count them, never to show one.</summary>
internal static class SaltedKey
{
    public static string Of(string salt, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(salt + value));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
