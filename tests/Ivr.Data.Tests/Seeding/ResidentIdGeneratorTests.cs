using Ivr.Data.Seeding;

namespace Ivr.Data.Tests.Seeding;

public sealed class ResidentIdGeneratorTests
{
    [Theory]
    [InlineData("11010519491231002", 'X')]
    [InlineData("11010519650312123", '5')]
    [InlineData("33010619800101004", '8')]
    public void CheckCharacter_KnownIds(string body, char expected)
        => Assert.Equal(expected, ResidentIdGenerator.CheckCharacter(body));

    [Fact]
    public void Create_BuildsRegionBirthSequenceAndCheck()
    {
        var id = ResidentIdGenerator.Create("110105", new DateOnly(1949, 12, 31), 2);

        Assert.Equal("11010519491231002X", id);
        Assert.False(ResidentIdGenerator.IsMale(id));
    }

    [Fact]
    public void Create_BadSequence_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => ResidentIdGenerator.Create("110105", new DateOnly(1949, 12, 31), 1000));
}
