using Ivr.Flows.Model.Nodes;
using Ivr.Runtime.Input;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Input;

public sealed class EntryValidationTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("123456789012")]
    [InlineData("1234567890")]
    public void Problem_LengthListed_ReturnsNull(string entry) =>
        Assert.Null(EntryValidation.Problem(entry, [new DigitValidator("length", "12|10")], Today));

    [Theory]
    [InlineData("12345678901")]
    [InlineData("123")]
    [InlineData("1234567890123")]
    public void Problem_LengthNotListed_NamesTheLengths(string entry) =>
        Assert.Equal("length: length must be one of 12|10", EntryValidation.Problem(entry, [new DigitValidator("length", "12|10")], Today));

    [Fact]
    public void Problem_RegexMatches_ReturnsNull() =>
        Assert.Null(EntryValidation.Problem("123456", [new DigitValidator("regex", "^[0-9]{6}$")], Today));

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    public void Problem_RegexDoesNotMatch_SaysSo(string entry) =>
        Assert.Equal("regex: does not match the pattern", EntryValidation.Problem(entry, [new DigitValidator("regex", "^[0-9]{6}$")], Today));

    [Fact]
    public void Problem_ResidentIdValidator_UsesToday()
    {
        var id = ResidentIds.Valid("20261124");
        DigitValidator[] validators = [new("cn-resident-id")];

        Assert.Equal("cn-resident-id: the birth date is not plausible", EntryValidation.Problem(id, validators, Today));
        Assert.Null(EntryValidation.Problem(id, validators, Today.AddDays(1)));
    }

    [Fact]
    public void Problem_Luhn_RejectsWrongCheckDigit()
    {
        DigitValidator[] validators = [new("luhn")];

        Assert.Null(EntryValidation.Problem("6212345678901232", validators, Today));
        Assert.Equal("luhn: the Luhn check digit does not match", EntryValidation.Problem("6212345678901233", validators, Today));
    }

    [Fact]
    public void Problem_SeveralValidators_ReportsTheFirstThatFails()
    {
        DigitValidator[] validators = [new("length", "18"), new("cn-resident-id")];
        var wrong = ResidentIds.WrongCheck(ResidentIds.Valid());

        Assert.Equal("length: length must be one of 18", EntryValidation.Problem("123", validators, Today));
        Assert.Equal("cn-resident-id: the check character does not match", EntryValidation.Problem(wrong, validators, Today));
        Assert.Null(EntryValidation.Problem(ResidentIds.Valid(), validators, Today));
    }

    [Fact]
    public void Problem_NoValidators_ReturnsNull() => Assert.Null(EntryValidation.Problem("1", [], Today));

    [Fact]
    public void Problem_UnknownValidator_SaysSo() =>
        Assert.Equal("soundex: unknown validator 'soundex'", EntryValidation.Problem("1", [new DigitValidator("soundex")], Today));

    [Fact]
    public void Problem_RegexTooSlow_RejectsTheEntryInsteadOfThrowing()
    {
        // A pattern an editor might write: nested repetition that backtracks exponentially on a miss.
        var problem = EntryValidation.Problem(new string('1', 40), [new DigitValidator("regex", @"^(\d+)+5$")], Today);

        Assert.StartsWith("regex: ", problem);
    }
}
