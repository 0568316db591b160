using Ivr.Sip.Auth;

namespace Ivr.Sip.Tests.Auth;

public sealed class DigestResponseTests
{
    private const string Rfc7616Challenge =
        "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm={0}, " +
        "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    private const string Rfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    [Fact]
    public void Compute_Rfc2617Section3_5Example_Matches()
    {
        var challenge = DigestChallenge.Parse(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"").Value!;

        var response = DigestResponse.Compute(challenge, new DigestCredentials("Mufasa", "Circle Of Life"), "GET", "/dir/index.html", "0a4f113b", 1);

        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Compute_Rfc7616Section3_9_1Examples_Match(string algorithm, string expected)
    {
        var challenge = DigestChallenge.Parse(string.Format(Rfc7616Challenge, algorithm)).Value!;

        var response = DigestResponse.Compute(challenge, new DigestCredentials("Mufasa", "Circle of Life"), "GET", "/dir/index.html", Rfc7616Cnonce, 1);

        Assert.Equal(expected, response);
    }

    [Fact]
    public void Compute_NoQop_Rfc2069Form()
    {
        var challenge = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\"").Value!;
        var md5 = DigestAlgorithm.Md5;
        var expected = md5.Hash($"{md5.Hash("u:r:p")}:n:{md5.Hash("INVITE:sip:a@b")}");

        Assert.Equal(expected, DigestResponse.Compute(challenge, new DigestCredentials("u", "p"), "INVITE", "sip:a@b", "ignored", 1));
    }

    [Fact]
    public void Compute_SessionVariant_HashesNonceAndCnonceIntoA1()
    {
        var challenge = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\", qop=auth, algorithm=SHA-256-sess").Value!;
        var sha = DigestAlgorithm.Sha256;
        var ha1 = sha.Hash($"{sha.Hash("u:r:p")}:n:c");
        var expected = sha.Hash($"{ha1}:n:00000002:c:auth:{sha.Hash("INVITE:sip:a@b")}");

        Assert.Equal(expected, DigestResponse.Compute(challenge, new DigestCredentials("u", "p"), "INVITE", "sip:a@b", "c", 2));
    }

    [Fact]
    public void Compute_Sha512_256_UsesTruncatedHash()
    {
        var challenge = DigestChallenge.Parse("Digest realm=\"r\", nonce=\"n\", qop=auth, algorithm=SHA-512-256").Value!;

        var response = DigestResponse.Compute(challenge, new DigestCredentials("u", "p"), "INVITE", "sip:a@b", "c", 1);

        Assert.Equal(64, response.Length);
        Assert.NotEqual(DigestResponse.Compute(challenge with { Algorithm = DigestAlgorithm.Sha256 }, new DigestCredentials("u", "p"), "INVITE", "sip:a@b", "c", 1), response);
    }

    [Fact]
    public void CreateHeaderValue_CarriesEveryFieldAndNoPassword()
    {
        var challenge = DigestChallenge.Parse(string.Format(Rfc7616Challenge, "SHA-256")).Value!;

        var value = DigestResponse.CreateHeaderValue(challenge, new DigestCredentials("Mufasa", "Circle of Life"), "GET", "/dir/index.html", Rfc7616Cnonce, 1);

        Assert.Equal(
            "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", uri=\"/dir/index.html\", " +
            "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", algorithm=SHA-256, opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", " +
            "qop=auth, nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\"",
            value);
        Assert.DoesNotContain("Circle", value);
    }

    [Fact]
    public void Credentials_ToString_HidesPassword()
    {
        Assert.DoesNotContain("secret", new DigestCredentials("trunk", "secret").ToString());
    }
}
