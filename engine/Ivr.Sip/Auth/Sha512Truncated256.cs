using System.Buffers.Binary;
using System.Numerics;

namespace Ivr.Sip.Auth;

/// <summary>
/// SHA-512/256 (FIPS 180-4 §5.3.6.2, §6.4): the SHA-512 compression function started from its own initial
/// hash value, the digest truncated to 256 bits. RFC 7616 §3.2 names it "SHA-512-256"; .NET has no
/// built-in implementation, so it lives here. Allocates per call; digest auth hashes a handful of strings.
/// </summary>
public static class Sha512Truncated256
{
    private static readonly ulong[] InitialHash =
    [
        0x22312194FC2BF72C, 0x9F555FA3C84C64C2, 0x2393B86B6F53B151, 0x963877195940EABD,
        0x96283EE2A88EFFE3, 0xBE5E1E2553863992, 0x2B0199FC2C85B8AA, 0x0EB72DDC81C52CA2,
    ];

    private static readonly ulong[] K =
    [
        0x428A2F98D728AE22, 0x7137449123EF65CD, 0xB5C0FBCFEC4D3B2F, 0xE9B5DBA58189DBBC, 0x3956C25BF348B538, 0x59F111F1B605D019,
        0x923F82A4AF194F9B, 0xAB1C5ED5DA6D8118, 0xD807AA98A3030242, 0x12835B0145706FBE, 0x243185BE4EE4B28C, 0x550C7DC3D5FFB4E2,
        0x72BE5D74F27B896F, 0x80DEB1FE3B1696B1, 0x9BDC06A725C71235, 0xC19BF174CF692694, 0xE49B69C19EF14AD2, 0xEFBE4786384F25E3,
        0x0FC19DC68B8CD5B5, 0x240CA1CC77AC9C65, 0x2DE92C6F592B0275, 0x4A7484AA6EA6E483, 0x5CB0A9DCBD41FBD4, 0x76F988DA831153B5,
        0x983E5152EE66DFAB, 0xA831C66D2DB43210, 0xB00327C898FB213F, 0xBF597FC7BEEF0EE4, 0xC6E00BF33DA88FC2, 0xD5A79147930AA725,
        0x06CA6351E003826F, 0x142929670A0E6E70, 0x27B70A8546D22FFC, 0x2E1B21385C26C926, 0x4D2C6DFC5AC42AED, 0x53380D139D95B3DF,
        0x650A73548BAF63DE, 0x766A0ABB3C77B2A8, 0x81C2C92E47EDAEE6, 0x92722C851482353B, 0xA2BFE8A14CF10364, 0xA81A664BBC423001,
        0xC24B8B70D0F89791, 0xC76C51A30654BE30, 0xD192E819D6EF5218, 0xD69906245565A910, 0xF40E35855771202A, 0x106AA07032BBD1B8,
        0x19A4C116B8D2D0C8, 0x1E376C085141AB53, 0x2748774CDF8EEB99, 0x34B0BCB5E19B48A8, 0x391C0CB3C5C95A63, 0x4ED8AA4AE3418ACB,
        0x5B9CCA4F7763E373, 0x682E6FF3D6B2B8A3, 0x748F82EE5DEFB2FC, 0x78A5636F43172F60, 0x84C87814A1F0AB72, 0x8CC702081A6439EC,
        0x90BEFFFA23631E28, 0xA4506CEBDE82BDE9, 0xBEF9A3F7B2C67915, 0xC67178F2E372532B, 0xCA273ECEEA26619C, 0xD186B8C721C0C207,
        0xEADA7DD6CDE0EB1E, 0xF57D4F7FEE6ED178, 0x06F067AA72176FBA, 0x0A637DC5A2C898A6, 0x113F9804BEF90DAE, 0x1B710B35131C471B,
        0x28DB77F523047D84, 0x32CAAB7B40C72493, 0x3C9EBE0A15C9BEBC, 0x431D67C49C100D4C, 0x4CC5D4BECB3E42B6, 0x597F299CFC657E2A,
        0x5FCB6FAB3AD6FAEC, 0x6C44198C4A475817,
    ];

    /// <summary>The 32-byte digest of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        // Padding (§5.1.2): 0x80, zeros, then the 128-bit message length in bits.
        var total = ((data.Length + 17 + 127) / 128) * 128;
        var message = new byte[total];
        data.CopyTo(message);
        message[data.Length] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(message.AsSpan(total - 8), (ulong)data.Length * 8);
        BinaryPrimitives.WriteUInt64BigEndian(message.AsSpan(total - 16), (ulong)data.Length >> 61);

        var h = (ulong[])InitialHash.Clone();
        var w = new ulong[80];
        for (var block = 0; block < total; block += 128)
        {
            Compress(h, w, message.AsSpan(block, 128));
        }

        var digest = new byte[32];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(digest.AsSpan(i * 8), h[i]);
        }

        return digest;
    }

    private static void Compress(ulong[] h, ulong[] w, ReadOnlySpan<byte> block)
    {
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt64BigEndian(block[(t * 8)..]);
        }

        for (var t = 16; t < 80; t++)
        {
            var s0 = BitOperations.RotateRight(w[t - 15], 1) ^ BitOperations.RotateRight(w[t - 15], 8) ^ (w[t - 15] >> 7);
            var s1 = BitOperations.RotateRight(w[t - 2], 19) ^ BitOperations.RotateRight(w[t - 2], 61) ^ (w[t - 2] >> 6);
            w[t] = unchecked(w[t - 16] + s0 + w[t - 7] + s1);
        }

        ulong a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (var t = 0; t < 80; t++)
        {
            var sum1 = BitOperations.RotateRight(e, 14) ^ BitOperations.RotateRight(e, 18) ^ BitOperations.RotateRight(e, 41);
            var choose = (e & f) ^ (~e & g);
            var t1 = unchecked(hh + sum1 + choose + K[t] + w[t]);
            var sum0 = BitOperations.RotateRight(a, 28) ^ BitOperations.RotateRight(a, 34) ^ BitOperations.RotateRight(a, 39);
            var majority = (a & b) ^ (a & c) ^ (b & c);
            var t2 = unchecked(sum0 + majority);
            hh = g;
            g = f;
            f = e;
            e = unchecked(d + t1);
            d = c;
            c = b;
            b = a;
            a = unchecked(t1 + t2);
        }

        h[0] = unchecked(h[0] + a);
        h[1] = unchecked(h[1] + b);
        h[2] = unchecked(h[2] + c);
        h[3] = unchecked(h[3] + d);
        h[4] = unchecked(h[4] + e);
        h[5] = unchecked(h[5] + f);
        h[6] = unchecked(h[6] + g);
        h[7] = unchecked(h[7] + hh);
    }
}
