using Ivr.Runtime.Input;

namespace Ivr.Runtime.Tests.Input;

public sealed class ClockTimeTests
{
    [Theory]
    [InlineData("0000", 0, 0)]
    [InlineData("0930", 9, 30)]
    [InlineData("2359", 23, 59)]
    public void Problem_ValidTimes_NoneAndParsed(string entry, int hours, int minutes)
    {
        Assert.Null(ClockTime.Problem(entry));
        Assert.Equal(new TimeOnly(hours, minutes), ClockTime.Parse(entry));
    }

    [Theory]
    [InlineData("930", "must be 4 digits, hours and minutes (1530)")]
    [InlineData("09300", "must be 4 digits, hours and minutes (1530)")]
    [InlineData("09X0", "digits only")]
    [InlineData("2400", "the hour must be 00 to 23")]
    [InlineData("2575", "the hour must be 00 to 23")]
    [InlineData("1260", "the minutes must be 00 to 59")]
    public void Problem_InvalidTimes_SaysWhy(string entry, string why) => Assert.Equal(why, ClockTime.Problem(entry));

    [Fact]
    public void EntryValidation_ClockTime_UsesTheCheck() =>
        Assert.Equal("clock-time: the minutes must be 00 to 59", EntryValidation.Problem("1261", [new("clock-time")], default));
}
