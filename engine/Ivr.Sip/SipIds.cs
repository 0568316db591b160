using System.Security.Cryptography;

namespace Ivr.Sip;

/// <summary>
/// Random identifiers with the uniqueness RFC 3261 asks for: branches (§8.1.1.7, magic cookie + ≥ 32 bits
/// of randomness), tags (§19.3, ≥ 32 bits) and Call-IDs (§8.1.1.4).
/// </summary>
public static class SipIds
{
    public static string NewBranch() => Message.ViaHeader.MagicCookie + Random(8);

    public static string NewTag() => Random(6);

    public static string NewCallId(string host) => $"{Random(10)}@{host}";

    private static string Random(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
