using Ivr.Data.Security;

namespace Ivr.Data.Tests.Security;

public sealed class PinHasherTests
{
    private readonly PinHasher _hasher = new(1000);

    [Fact]
    public void Hash_RecordsSchemeIterationsSaltAndHash()
    {
        var hash = _hasher.Hash("135790");

        var parts = hash.Split('$');
        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("1000", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.DoesNotContain("135790", hash);
    }

    [Fact]
    public void Hash_SamePinTwice_DifferentSalts()
    {
        Assert.NotEqual(_hasher.Hash("135790"), _hasher.Hash("135790"));
    }

    [Fact]
    public void Verify_RightAndWrongPin()
    {
        var hash = _hasher.Hash("135790");

        Assert.True(_hasher.Verify("135790", hash));
        Assert.False(_hasher.Verify("135791", hash));
    }

    [Fact]
    public void Verify_HonoursTheCountRecordedInTheHash()
    {
        var lowHash = new PinHasher(10).Hash("246802");

        Assert.True(PinHasher.Production.Verify("246802", lowHash));
        Assert.Equal(10, PinHasher.IterationsOf(lowHash));
    }

    [Fact]
    public void Production_UsesAtLeast100000Iterations()
    {
        var hash = PinHasher.Production.Hash("246802");

        Assert.True(PinHasher.IterationsOf(hash) >= 100_000);
        Assert.True(new PinHasher(1).Verify("246802", hash));
    }

    [Fact]
    public void Hash_GivenSalt_IsPbkdf2OfThePinInOurFormat()
    {
        var salt = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var expected = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("123789"u8.ToArray(), salt, 7, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);

        var hash = new PinHasher(7).Hash("123789", salt);

        Assert.Equal($"pbkdf2-sha256$7${Convert.ToBase64String(salt)}${Convert.ToBase64String(expected)}", hash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$abc$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    [InlineData("pbkdf2-sha256$99999999$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("md5$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Verify_MalformedHash_False(string? stored)
    {
        Assert.False(new PinHasher(1).Verify("123456", stored));
        Assert.Null(PinHasher.IterationsOf(stored));
    }

    [Fact]
    public void Constructor_OutOfRangeIterations_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PinHasher(0));
    }
}
