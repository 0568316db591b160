using Ivr.Core.Speech;

namespace Ivr.Core.Tests.Speech;

public sealed class MandarinSayAsDigitsTests
{
    [Theory]
    [InlineData("12333", "幺二三三三")]
    [InlineData("0123456789", "零幺二三四五六七八九")]
    [InlineData("11010519491231002X", "幺幺零幺零五幺九四九幺二三幺零零二X")]
    [InlineData("11010519491231002x", "幺幺零幺零五幺九四九幺二三幺零零二X")]
    [InlineData("138 0013 8000", "幺三八零零幺三八零零零")]
    [InlineData("010-12345678", "零幺零幺二三四五六七八")]
    [InlineData("0", "零")]
    public void Render_Digits_ReadsOneByOneWithYao(string value, string spoken) =>
        Assert.Equal(spoken, SpokenText.Of(MandarinSayAs.Render(value, SayAsKind.Digits)));

    [Theory]
    [InlineData("12a4")]
    [InlineData("12.4")]
    [InlineData("--")]
    [InlineData("12345678901234567890123456789012345678901")]
    public void Render_BadDigits_FailsWithMessage(string value) =>
        Assert.False(MandarinSayAs.Render(value, SayAsKind.Digits).Succeeded);
}
