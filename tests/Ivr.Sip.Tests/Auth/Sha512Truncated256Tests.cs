using System.Text;
using Ivr.Sip.Auth;

namespace Ivr.Sip.Tests.Auth;

public sealed class Sha512Truncated256Tests
{
    [Theory]
    [InlineData("", "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a")]
    [InlineData("abc", "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a")]
    public void Hash_FipsExamples_MatchPublishedDigests(string text, string expected)
    {
        Assert.Equal(expected, Convert.ToHexStringLower(Sha512Truncated256.Hash(Encoding.ASCII.GetBytes(text))));
    }

    [Fact]
    public void Hash_ThousandBytesOverSeveralBlocks_MatchesOpenSsl()
    {
        // printf 'a%.0s' {1..1000} | openssl dgst -sha512-256
        var data = Enumerable.Repeat((byte)'a', 1000).ToArray();
        Assert.Equal("40eb4a70d4d69815407a9e272f0101cd67e3d11262a4a0bfc087712749c7fb53", Convert.ToHexStringLower(Sha512Truncated256.Hash(data)));
    }
}
