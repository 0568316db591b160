using Ivr.Media.Srtp;

namespace Ivr.Media.Tests.Srtp;

/// <summary>The published test vectors: RFC 3711 Appendix B.2 (AES-CM keystream), B.3 (key derivation), and libsrtp's
/// reference packet for AES_CM_128_HMAC_SHA1_80 (the same master key as B.3).</summary>
public class SrtpVectorTests
{
    private static readonly byte[] B3MasterKeyAndSalt = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139" + "0EC675AD498AFEEBB6960B3AABE6");

    [Fact]
    public void ForRtp_DerivesTheSessionKeysOfRfc3711AppendixB3()
    {
        var keys = SrtpSessionKeys.ForRtp(B3MasterKeyAndSalt);

        Assert.Equal("C61E7A93744F39EE10734AFE3FF7A087", Convert.ToHexString(keys.EncryptionKey));
        Assert.Equal("30CBBC08863D8C85D49DB34A9AE1", Convert.ToHexString(keys.Salt));
        Assert.Equal("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4", Convert.ToHexString(keys.AuthenticationKey));
    }

    [Fact]
    public void ForRtcp_UsesLabelsThreeToFive()
    {
        var rtp = SrtpSessionKeys.ForRtp(B3MasterKeyAndSalt);
        var rtcp = SrtpSessionKeys.ForRtcp(B3MasterKeyAndSalt);

        Assert.NotEqual(rtp.EncryptionKey, rtcp.EncryptionKey);
        Assert.NotEqual(rtp.AuthenticationKey, rtcp.AuthenticationKey);
        Assert.Equal(14, rtcp.Salt.Length);
    }

    [Fact]
    public void Apply_XorsTheKeystreamOfRfc3711AppendixB2()
    {
        // B.2: session key 2B7E…, salt F0F1…FCFD, SSRC 0, index 0 → counter blocks F0F1…FCFD0000, …0001, …0002.
        var keystream = new AesCounterKeystream(Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C"), Convert.FromHexString("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"));
        var zeros = new byte[48];

        keystream.Apply(zeros, ssrc: 0, index: 0);

        Assert.Equal("E03EAD0935C95E80E166B16DD92B4EB4" + "D23513162B02D0F72A43A2FE4A5F97AB" + "41E95B3BB0A2E8DD477901E4FCA894C0", Convert.ToHexString(zeros));
    }

    [Fact]
    public void Protect_MatchesLibsrtpsReferencePacket()
    {
        var transform = new SrtpTransform(SrtpSuite.AesCm128HmacSha1With80, B3MasterKeyAndSalt, B3MasterKeyAndSalt);
        var buffer = new byte[64];
        Convert.FromHexString("800F1234DECAFBADCAFEBABE" + string.Concat(Enumerable.Repeat("AB", 16))).CopyTo(buffer, 0);

        var length = transform.Protect(buffer, 28);

        Assert.Equal(38, length);
        Assert.Equal("800F1234DECAFBADCAFEBABE4E55DC4CE79978D88CA4D215949D2402B78D6ACC99EA179B8DBB", Convert.ToHexString(buffer, 0, length));
    }

    [Fact]
    public void Unprotect_RestoresLibsrtpsReferencePacket()
    {
        var transform = new SrtpTransform(SrtpSuite.AesCm128HmacSha1With80, B3MasterKeyAndSalt, B3MasterKeyAndSalt);
        var buffer = Convert.FromHexString("800F1234DECAFBADCAFEBABE4E55DC4CE79978D88CA4D215949D2402B78D6ACC99EA179B8DBB");

        var length = transform.Unprotect(buffer, buffer.Length);

        Assert.Equal(28, length);
        Assert.Equal("800F1234DECAFBADCAFEBABE" + string.Concat(Enumerable.Repeat("AB", 16)), Convert.ToHexString(buffer, 0, length));
    }
}
