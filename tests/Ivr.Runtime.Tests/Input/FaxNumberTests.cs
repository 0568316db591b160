using Ivr.Runtime.Input;

namespace Ivr.Runtime.Tests.Input;

public sealed class FaxNumberTests
{
    [Theory]
    [InlineData("01088889999")]     // Beijing: 010 + 8
    [InlineData("02166667777")]     // Shanghai: 021 + 8
    [InlineData("057187654321")]    // Hangzhou: 0571 + 8
    [InlineData("08952345678")]     // a 4-digit area code with a 7-digit local number
    [InlineData("13812345678")]     // mobile
    [InlineData("19912345678")]
    [InlineData("88889999")]        // local, 8 digits
    [InlineData("2345678")]         // local, 7 digits
    public void Problem_PlausibleNumbers_None(string number) => Assert.Null(FaxNumber.Problem(number));

    [Theory]
    [InlineData("123456", "must be 7 to 12 digits")]
    [InlineData("0571876543210", "must be 7 to 12 digits")]
    [InlineData("0108888999*", "digits only")]
    [InlineData("12812345678", "a mobile number is 11 digits starting 13-19")]
    [InlineData("1381234567", "a mobile number is 11 digits starting 13-19")]
    [InlineData("00852123456", "international numbers (00…) are not accepted")]
    [InlineData("0128888999", "there is no area code 01x other than 010")]
    [InlineData("01018889999", "the local number after the area code starts with 2-9")]
    [InlineData("0108888999", "after a 3-digit area code the local number has 8 digits")]
    [InlineData("0571234567", "after a 4-digit area code the local number has 7 or 8 digits")]
    [InlineData("057123456", "after a 4-digit area code the local number has 7 or 8 digits")]
    [InlineData("888899990", "a number without an area code has 7 or 8 digits")]
    public void Problem_ImplausibleNumbers_SaysWhy(string number, string why) => Assert.Equal(why, FaxNumber.Problem(number));

    [Fact]
    public void EntryValidation_CnFaxNumber_UsesTheCheck()
    {
        Assert.Null(EntryValidation.Problem("01088889999", [new("cn-fax-number")], default));
        Assert.Equal("cn-fax-number: must be 7 to 12 digits", EntryValidation.Problem("0108", [new("cn-fax-number")], default));
    }
}
