using Ivr.Core.Speech;

namespace Ivr.Core.Tests.Speech;

public sealed class MandarinSayAsAmountTests
{
    [Theory]
    [InlineData("3256.50", "三千二百五十六元五角")]
    [InlineData("3256.5", "三千二百五十六元五角")]
    [InlineData("3256.05", "三千二百五十六元零五分")]
    [InlineData("3256.55", "三千二百五十六元五角五分")]
    [InlineData("3256", "三千二百五十六元整")]
    [InlineData("3256.00", "三千二百五十六元整")]
    [InlineData("100", "一百元整")]
    [InlineData("0.30", "三角")]
    [InlineData("0.35", "三角五分")]
    [InlineData("0.05", "五分")]
    [InlineData("0", "零元")]
    [InlineData("0.00", "零元")]
    [InlineData("2", "二元整")]
    [InlineData("2.22", "二元二角二分")]
    [InlineData("20000", "两万元整")]
    [InlineData("10.05", "十元零五分")]
    [InlineData("1000.10", "一千元一角")]
    [InlineData("10010.01", "一万零一十元零一分")]
    [InlineData("-125.40", "负一百二十五元四角")]
    public void Render_Amount_ReadsBankStyle(string value, string spoken) =>
        Assert.Equal(spoken, SpokenText.Of(MandarinSayAs.Render(value, SayAsKind.Amount)));

    [Theory]
    [InlineData("3256.505")]
    [InlineData("¥100")]
    [InlineData("1,000.00")]
    [InlineData("ten")]
    public void Render_BadAmount_FailsWithMessage(string value)
    {
        var result = MandarinSayAs.Render(value, SayAsKind.Amount);
        Assert.False(result.Succeeded);
        Assert.Contains(value, result.Error);
    }
}
