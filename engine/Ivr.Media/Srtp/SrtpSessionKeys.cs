using System.Security.Cryptography;

namespace Ivr.Media.Srtp;

/// <summary>
/// The session keys of one direction of one SRTP session (RFC 3711 §4.3), derived from the master key and salt with
/// the AES-CM pseudo-random function (§4.3.3) at key derivation rate 0 (the SDES default): the key id is the label
/// followed by a 48-bit zero index, XORed into the master salt, and the keystream of AES-CM under the master key from
/// that IV is the key. Labels 0–2 are SRTP's encryption key, authentication key and salt (§4.3.1), 3–5 SRTCP's (§4.3.2).
/// </summary>
public sealed class SrtpSessionKeys
{
    public const int EncryptionKeyLength = 16;

    public const int AuthenticationKeyLength = 20;

    public const int SaltLength = 14;

    private SrtpSessionKeys(byte[] encryptionKey, byte[] authenticationKey, byte[] salt)
    {
        EncryptionKey = encryptionKey;
        AuthenticationKey = authenticationKey;
        Salt = salt;
    }

    public byte[] EncryptionKey { get; }

    public byte[] AuthenticationKey { get; }

    public byte[] Salt { get; }

    /// <summary>SRTP's keys (labels 0, 1, 2) from the 30-octet master key and salt.</summary>
    public static SrtpSessionKeys ForRtp(ReadOnlySpan<byte> masterKeyAndSalt) => Derive(masterKeyAndSalt, 0);

    /// <summary>SRTCP's keys (labels 3, 4, 5).</summary>
    public static SrtpSessionKeys ForRtcp(ReadOnlySpan<byte> masterKeyAndSalt) => Derive(masterKeyAndSalt, 3);

    private static SrtpSessionKeys Derive(ReadOnlySpan<byte> masterKeyAndSalt, byte firstLabel)
    {
        if (masterKeyAndSalt.Length != SrtpSuites.KeyAndSaltLength)
            throw new ArgumentException($"an SRTP master key and salt are {SrtpSuites.KeyAndSaltLength} octets, got {masterKeyAndSalt.Length}", nameof(masterKeyAndSalt));
        using var aes = Aes.Create();
        aes.Key = masterKeyAndSalt[..SrtpSuites.MasterKeyLength].ToArray();
        var salt = masterKeyAndSalt[SrtpSuites.MasterKeyLength..];
        return new SrtpSessionKeys(
            Prf(aes, salt, firstLabel, EncryptionKeyLength),
            Prf(aes, salt, (byte)(firstLabel + 1), AuthenticationKeyLength),
            Prf(aes, salt, (byte)(firstLabel + 2), SaltLength));
    }

    /// <summary>PRF_n(k_master, x) with x = (label || r) XOR master salt, r = 0 (§4.3.1, §4.3.3).</summary>
    private static byte[] Prf(Aes aes, ReadOnlySpan<byte> masterSalt, byte label, int length)
    {
        var blocks = (length + 15) / 16;
        var counters = new byte[blocks * 16];
        for (var b = 0; b < blocks; b++)
        {
            var block = counters.AsSpan(b * 16, 16);
            masterSalt.CopyTo(block);
            block[7] ^= label;
            block[14] = (byte)(b >> 8);
            block[15] = (byte)b;
        }

        return aes.EncryptEcb(counters, PaddingMode.None)[..length];
    }
}
