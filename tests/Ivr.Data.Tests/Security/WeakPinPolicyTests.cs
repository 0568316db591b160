using Ivr.Data.Security;

namespace Ivr.Data.Tests.Security;

public sealed class WeakPinPolicyTests
{
    private const string Id = "110105196503121235"; // born 1965-03-12, ends 121235

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("")]
    public void Check_NotSixDigits(string pin) => Assert.Equal(PinWeakness.NotSixDigits, WeakPinPolicy.Check(pin, Id));

    [Theory]
    [InlineData("000000")]
    [InlineData("888888")]
    public void Check_AllSame(string pin) => Assert.Equal(PinWeakness.AllSame, WeakPinPolicy.Check(pin, Id));

    [Theory]
    [InlineData("123456")]
    [InlineData("012345")]
    [InlineData("456789")]
    [InlineData("654321")]
    [InlineData("987654")]
    [InlineData("543210")]
    public void Check_Runs(string pin) => Assert.Equal(PinWeakness.Sequence, WeakPinPolicy.Check(pin, Id));

    [Theory]
    [InlineData("650312")] // YYMMDD
    [InlineData("031265")] // MMDDYY
    [InlineData("120365")] // DDMMYY
    [InlineData("196503")] // YYYYMM
    [InlineData("965031")] // window of YYYYMMDD
    public void Check_BirthDateFromId(string pin) => Assert.Equal(PinWeakness.BirthDate, WeakPinPolicy.Check(pin, Id));

    [Fact]
    public void Check_LastSixOfId() => Assert.Equal(PinWeakness.IdDigits, WeakPinPolicy.Check("121235", Id));

    [Fact]
    public void Check_SameAsOld() => Assert.Equal(PinWeakness.SameAsOld, WeakPinPolicy.Check("740258", Id, "740258"));

    [Theory]
    [InlineData("740258")]
    [InlineData("890123")] // wrapping runs are allowed
    [InlineData("135790")]
    [InlineData("112233")]
    public void Check_StrongEnough(string pin) => Assert.Equal(PinWeakness.None, WeakPinPolicy.Check(pin, Id, "246802"));

    [Fact]
    public void Check_IdEndingInX_BirthDateStillFound()
        => Assert.Equal(PinWeakness.BirthDate, WeakPinPolicy.Check("491231", "11010519491231002X"));
}
