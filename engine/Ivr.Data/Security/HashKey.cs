using System.Security.Cryptography;
using System.Text;

namespace Ivr.Data.Security;

/// <summary>
/// The deployment's secret key for the keyed hashes the PIN tables store instead of a resident ID or a caller number
/// (<see cref="PinSubjectKey"/>, <see cref="PinCallerKey"/>): HMAC-SHA256 (RFC 2104), first 128 bits, hex. Without the
/// key an 18-digit ID or an 11-digit number cannot be searched for in a leaked database. Every node of one database
/// uses the same key (<see cref="HashKeyCheck"/> refuses another). The key never leaves this object: no property, and
/// <see cref="ToString"/> names none of it.
/// </summary>
/// <remarks>
/// The HMAC is taken over the value's salted SHA-256 (<see cref="SaltedKey"/>, the unkeyed form of migrations 9–22), so
/// a row stored before the key existed is brought over exactly by <see cref="Rekey"/> — the same ID or number keeps
/// one key across the upgrade — and no unkeyed hash stays in the database.
/// </remarks>
public sealed class HashKey
{
    /// <summary>The length of a key made here, and the least a key file may hold.</summary>
    public const int Length = 32;

    private const string CheckText = "ivr/hash-key-check/v1";
    private const string RekeyPrefix = "ivr/keyed/v1\n";

    private readonly byte[] _key;

    private HashKey(byte[] key) => _key = key;

    /// <summary>A key of <see cref="Length"/> random bytes.</summary>
    public static HashKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    /// <exception cref="ArgumentException">Fewer than <see cref="Length"/> bytes.</exception>
    public static HashKey FromBytes(ReadOnlySpan<byte> key)
        => key.Length >= Length ? new HashKey(key.ToArray()) : throw new ArgumentException($"a hash key has at least {Length} bytes, not {key.Length}", nameof(key));

    /// <summary>What the database keeps to tell whether a node's key is the deployment's: an HMAC of a fixed text, from
    /// which the key cannot be recovered.</summary>
    public string CheckValue => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(CheckText)));

    /// <summary>The keyed form of a row's unkeyed key (<see cref="SaltedKey"/>): what it would have been had the key
    /// existed when the row was written.</summary>
    public string Rekey(string unkeyed)
    {
        ArgumentNullException.ThrowIfNull(unkeyed);
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(RekeyPrefix + unkeyed));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    /// <summary>The keyed hash of <paramref name="value"/> under <paramref name="salt"/> (its kind: ID or caller number).</summary>
    internal string Of(string salt, string value) => Rekey(SaltedKey.Of(salt, value));

    public override string ToString() => "HashKey(secret)";
}
