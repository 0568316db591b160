using Ivr.Runtime.Input;

namespace Ivr.Runtime.Tests.Input;

public sealed class LuhnTests
{
    [Theory]
    [InlineData("79927398713")]
    [InlineData("4111111111111111")]
    [InlineData("5555555555554444")]
    [InlineData("378282246310005")]
    [InlineData("6212345678901232")]
    public void IsValid_ValidNumber_ReturnsTrue(string number) => Assert.True(Luhn.IsValid(number));

    [Theory]
    [InlineData("79927398710")] // last digit changed
    [InlineData("4111111111111121")] // one digit changed
    [InlineData("79927398731")] // last two digits swapped
    [InlineData("6212345678901233")]
    public void IsValid_WrongCheckDigit_ReturnsFalse(string number) => Assert.False(Luhn.IsValid(number));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("411111111111111X")]
    public void IsValid_NotACardNumber_ReturnsFalse(string number) => Assert.False(Luhn.IsValid(number));

    [Fact]
    public void IsValid_EveryCheckDigit_ExactlyOneIsValid()
    {
        const string body = "621234567890123";
        var valid = Enumerable.Range(0, 10).Where(d => Luhn.IsValid(body + d)).ToList();

        Assert.Equal([2], valid);
    }
}
