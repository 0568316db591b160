using System.Security.Cryptography;
using System.Text;

namespace Ivr.OperationsConsole.Security;

/// <summary>Random session and CSRF tokens (256 bits, base64url) and the hash under which a session token is stored.</summary>
internal static class SessionTokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256, hex: the database never holds a token that would sign anyone in.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool FixedTimeEquals(string? a, string? b)
        => a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
