using Ivr.Runtime.Input;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Input;

public sealed class ResidentIdTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("19491231")]
    [InlineData("20000229")] // a leap day (2000 is a leap year)
    [InlineData("19800101")]
    [InlineData("20261123")] // born today
    public void Problem_ValidId_ReturnsNull(string birth)
    {
        var id = ResidentIds.Valid(birth);

        Assert.Null(ResidentId.Problem(id, Today));
    }

    [Fact]
    public void Problem_PublishedSampleId_ReturnsNull() =>
        // The sample number of GB 11643-1999 documentation: region 110105, born 1949-12-31, check X.
        Assert.Null(ResidentId.Problem("11010519491231002X", Today));

    [Fact]
    public void Problem_CheckCharacterX_IsAcceptedInEitherCase()
    {
        var id = ResidentIds.Valid("19750615", check: 'X');

        Assert.Null(ResidentId.Problem(id, Today));
        Assert.Null(ResidentId.Problem(id[..17] + "x", Today));
    }

    [Fact]
    public void CheckCharacter_ManyPrefixes_MatchesIndependentComputation()
    {
        var random = new Random(12333);
        for (var n = 0; n < 500; n++)
        {
            var prefix = string.Concat(Enumerable.Range(0, 17).Select(_ => (char)('0' + random.Next(10))));
            Assert.Equal(ResidentIds.WithCheck(prefix)[17], ResidentId.CheckCharacter(prefix));
        }
    }

    [Fact]
    public void Problem_WrongCheckCharacter_SaysSo()
    {
        var id = ResidentIds.WrongCheck(ResidentIds.Valid());

        Assert.Equal("the check character does not match", ResidentId.Problem(id, Today));
    }

    [Fact]
    public void Problem_XWhereADigitBelongs_SaysTheCheckDoesNotMatch()
    {
        var id = ResidentIds.Valid(check: '5');

        Assert.Equal("the check character does not match", ResidentId.Problem(id[..17] + "X", Today));
    }

    [Theory]
    [InlineData("19900230")] // 30 February
    [InlineData("19000229")] // 1900 is not a leap year
    [InlineData("19901301")] // month 13
    [InlineData("19900100")] // day 0
    public void Problem_BirthDateNotOnTheCalendar_SaysSo(string birth)
    {
        var id = ResidentIds.WithCheck($"110101{birth}123");

        Assert.Equal("the birth date is not a calendar date", ResidentId.Problem(id, Today));
    }

    [Theory]
    [InlineData("20261124")] // tomorrow
    [InlineData("20300101")]
    [InlineData("18991231")] // more than 120 years ago
    public void Problem_ImplausibleBirthDate_SaysSo(string birth)
    {
        var id = ResidentIds.WithCheck($"110101{birth}123");

        Assert.Equal("the birth date is not plausible", ResidentId.Problem(id, Today));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(19)]
    [InlineData(0)]
    public void Problem_WrongLength_SaysEighteenCharacters(int length)
    {
        var id = (ResidentIds.Valid() + "0")[..Math.Min(length, 19)];

        Assert.Equal("must be 18 characters", ResidentId.Problem(id, Today));
    }

    [Fact]
    public void Problem_LetterAmongTheFirst17_SaysDigits() =>
        Assert.Equal("the first 17 characters must be digits", ResidentId.Problem("1101011949X231002X", Today));

    [Fact]
    public void Problem_LastCharacterNeitherDigitNorX_SaysSo() =>
        Assert.Equal("the last character must be a digit or X", ResidentId.Problem("11010519491231002Y", Today));

    [Fact]
    public void TryBirthDate_ValidId_ReadsTheDate()
    {
        Assert.True(ResidentId.TryBirthDate(ResidentIds.Valid("19750615"), out var birth));
        Assert.Equal(new DateOnly(1975, 6, 15), birth);
    }
}
