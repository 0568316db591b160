using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Ivr.Media.Srtp;

/// <summary>
/// AES in counter mode as SRTP uses it (RFC 3711 §4.1.1): the counter block of a packet is
/// (k_s · 2^16) XOR (SSRC · 2^64) XOR (i · 2^16) with the block number in its last 16 bits; the keystream is XORed
/// onto the payload in place. The counter blocks and the keystream live in buffers made once, and one reused AES-ECB
/// encryptor turns the first into the second with one <see cref="ICryptoTransform.TransformBlock"/> per packet: no
/// allocation (the one-shot <c>Aes.EncryptEcb</c> allocates a cipher context per call).
/// Not thread-safe: one per direction, used under that direction's lock.
/// </summary>
internal sealed class AesCounterKeystream
{
    private const int MaxPayload = 2048;

    private readonly ICryptoTransform _ecb;
    private readonly byte[] _salt;
    private readonly byte[] _counters = new byte[MaxPayload];
    private readonly byte[] _keystream = new byte[MaxPayload];

    public AesCounterKeystream(byte[] key, byte[] salt)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        _ecb = aes.CreateEncryptor();
        _salt = salt;
    }

    /// <summary>XORs the keystream of packet index <paramref name="index"/> of <paramref name="ssrc"/> onto <paramref name="data"/>.</summary>
    public void Apply(Span<byte> data, uint ssrc, ulong index)
    {
        if (data.Length > MaxPayload) throw new ArgumentException($"an SRTP payload is at most {MaxPayload} octets here", nameof(data));
        var blocks = (data.Length + 15) / 16;
        var counters = _counters.AsSpan(0, blocks * 16);

        Span<byte> iv = stackalloc byte[16];
        _salt.CopyTo(iv);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte)(ssrc >> 24);
        iv[5] ^= (byte)(ssrc >> 16);
        iv[6] ^= (byte)(ssrc >> 8);
        iv[7] ^= (byte)ssrc;
        for (var i = 0; i < 6; i++) iv[8 + i] ^= (byte)(index >> (8 * (5 - i)));
        for (var b = 0; b < blocks; b++)
        {
            var block = counters.Slice(b * 16, 16);
            iv.CopyTo(block);
            BinaryPrimitives.WriteUInt16BigEndian(block[14..], (ushort)b);
        }

        _ecb.TransformBlock(_counters, 0, counters.Length, _keystream, 0);
        var keystream = _keystream.AsSpan(0, data.Length);
        for (var i = 0; i < data.Length; i++) data[i] ^= keystream[i];
    }
}
