using Ivr.Sip.Auth;

namespace Ivr.Sip.Tests.Auth;

public sealed class DigestChallengeTests
{
    [Fact]
    public void Parse_FullChallenge_ReadsEveryField()
    {
        var result = DigestChallenge.Parse("Digest realm=\"sip.example.com\",nonce=\"abc\\\"def\", opaque=\"op\", algorithm=sha-512-256-SESS, qop=\"auth,auth-int\", stale=TRUE, domain=\"sip:x\"");

        Assert.True(result.IsSuccess, result.Error);
        var challenge = result.Value!;
        Assert.Equal("sip.example.com", challenge.Realm);
        Assert.Equal("abc\"def", challenge.Nonce);
        Assert.Equal("op", challenge.Opaque);
        Assert.Same(DigestAlgorithm.Sha512TruncatedSession, challenge.Algorithm);
        Assert.Equal(["auth", "auth-int"], challenge.QopOptions);
        Assert.True(challenge.OffersAuth);
        Assert.True(challenge.Stale);
    }

    [Fact]
    public void Parse_NoAlgorithm_Md5AndNotStale()
    {
        var challenge = DigestChallenge.Parse("digest nonce=n1, realm=r").Value!;

        Assert.Same(DigestAlgorithm.Md5, challenge.Algorithm);
        Assert.False(challenge.Stale);
        Assert.False(challenge.OffersAuth);
        Assert.Null(challenge.Opaque);
    }

    [Theory]
    [InlineData(null, "empty challenge")]
    [InlineData("", "empty challenge")]
    [InlineData("Basic realm=\"x\"", "unsupported authentication scheme 'Basic'")]
    [InlineData("Digest nonce=\"n\"", "the challenge has no realm")]
    [InlineData("Digest realm=\"r\"", "the challenge has no nonce")]
    [InlineData("Digest realm=\"r\", nonce=\"\"", "the challenge has no nonce")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1", "unsupported digest algorithm 'SHA-1'")]
    [InlineData("Digest realm=\"r, nonce=\"n\"", "after the value of 'realm'")]
    [InlineData("Digest realm=\"r", "unterminated quoted value of 'realm'")]
    [InlineData("Digest realm", "expected name=value")]
    [InlineData("Digest realm=\"a\", realm=\"b\", nonce=n", "parameter 'realm' appears twice")]
    public void Parse_BadInput_FailsWithReason(string? value, string reason)
    {
        var result = DigestChallenge.Parse(value);

        Assert.False(result.IsSuccess);
        Assert.Contains(reason, result.Error);
    }
}
