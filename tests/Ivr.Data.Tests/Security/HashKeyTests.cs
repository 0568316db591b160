using System.Security.Cryptography;
using System.Text;
using Ivr.Data.Security;

namespace Ivr.Data.Tests.Security;

/// <summary>The keyed hashes of IDs and caller numbers: one key, one hash per value; another key, another hash; the
/// unkeyed form of migrations 9–22 carries over by <see cref="HashKey.Rekey"/>; the key shows nowhere.</summary>
public sealed class HashKeyTests
{
    private const string Id = "11010519491231002X";
    private const string Number = "13912345678";

    [Fact]
    public void OneKey_HashesOneValueAlike_AndTwoValuesApart()
    {
        var key = HashKey.Generate();

        Assert.Equal(PinSubjectKey.Of(key, Id), PinSubjectKey.Of(key, Id));
        Assert.NotEqual(PinSubjectKey.Of(key, Id), PinSubjectKey.Of(key, "330106198001010048"));
        Assert.Matches("^[0-9a-f]{32}$", PinCallerKey.Of(key, Number));
    }

    [Fact]
    public void TwoKeys_HashOneValueApart()
    {
        var (a, b) = (HashKey.Generate(), HashKey.Generate());

        Assert.NotEqual(PinSubjectKey.Of(a, Id), PinSubjectKey.Of(b, Id));
        Assert.NotEqual(PinCallerKey.Of(a, Number), PinCallerKey.Of(b, Number));
        Assert.NotEqual(a.CheckValue, b.CheckValue);
    }

    [Fact]
    public void TheKeyedHash_IsNotTheUnkeyedOne_AndIdsAndNumbersAreHashedApart()
    {
        var key = HashKey.Generate();

        Assert.NotEqual(Unkeyed("ivr/pin-attempt-subject/v1\n", Id), PinSubjectKey.Of(key, Id));
        Assert.NotEqual(PinSubjectKey.Of(key, Number), PinCallerKey.Of(key, Number));
    }

    [Fact]
    public void Rekey_OfARowsUnkeyedForm_IsWhatTheKeyGivesTheValueNow()
    {
        var key = HashKey.Generate();

        Assert.Equal(PinSubjectKey.Of(key, Id), key.Rekey(Unkeyed("ivr/pin-attempt-subject/v1\n", Id)));
        Assert.Equal(PinCallerKey.Of(key, Number), key.Rekey(Unkeyed("ivr/pin-lock-caller/v1\n", Number)));
    }

    [Fact]
    public void TheSameBytes_AreTheSameKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(HashKey.Length);

        Assert.Equal(PinSubjectKey.Of(HashKey.FromBytes(bytes), Id), PinSubjectKey.Of(HashKey.FromBytes(bytes), Id));
        Assert.Equal(HashKey.FromBytes(bytes).CheckValue, HashKey.FromBytes(bytes).CheckValue);
    }

    [Fact]
    public void AShortKey_IsRefused()
        => Assert.Throws<ArgumentException>(() => HashKey.FromBytes(new byte[HashKey.Length - 1]));

    [Fact]
    public void NeitherToStringNorTheCheckValue_ShowTheKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(HashKey.Length);
        var key = HashKey.FromBytes(bytes);

        foreach (var shown in new[] { key.ToString(), key.CheckValue })
        {
            Assert.DoesNotContain(Convert.ToHexStringLower(bytes), shown);
            Assert.DoesNotContain(Convert.ToHexStringLower(bytes.AsSpan(0, 8)), shown);
            Assert.DoesNotContain(Convert.ToBase64String(bytes), shown);
        }
    }

    /// <summary>The salted SHA-256 migrations 9–22 stored, written out here independently of the code under test.</summary>
    internal static string Unkeyed(string salt, string value)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + value)).AsSpan(0, 16));
}
