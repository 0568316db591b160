using Ivr.Core.Speech;

namespace Ivr.Core.Tests.Speech;

public sealed class MandarinSayAsNumberTests
{
    [Theory]
    [InlineData("0", "零")]
    [InlineData("1", "一")]
    [InlineData("2", "二")]
    [InlineData("9", "九")]
    [InlineData("10", "十")]
    [InlineData("11", "十一")]
    [InlineData("12", "十二")]
    [InlineData("20", "二十")]
    [InlineData("22", "二十二")]
    [InlineData("99", "九十九")]
    [InlineData("100", "一百")]
    [InlineData("101", "一百零一")]
    [InlineData("110", "一百一十")]
    [InlineData("111", "一百一十一")]
    [InlineData("200", "二百")]
    [InlineData("202", "二百零二")]
    [InlineData("1000", "一千")]
    [InlineData("1001", "一千零一")]
    [InlineData("1010", "一千零一十")]
    [InlineData("1100", "一千一百")]
    [InlineData("2000", "两千")]
    [InlineData("2222", "两千二百二十二")]
    [InlineData("3256", "三千二百五十六")]
    [InlineData("10000", "一万")]
    [InlineData("10010", "一万零一十")]
    [InlineData("10100", "一万零一百")]
    [InlineData("11000", "一万一千")]
    [InlineData("12000", "一万两千")]
    [InlineData("20000", "两万")]
    [InlineData("22000", "两万两千")]
    [InlineData("100000", "十万")]
    [InlineData("120000", "十二万")]
    [InlineData("220000", "二十二万")]
    [InlineData("1000000", "一百万")]
    [InlineData("1020000", "一百零二万")]
    [InlineData("2000000", "二百万")]
    [InlineData("20000000", "两千万")]
    [InlineData("100000000", "一亿")]
    [InlineData("100000001", "一亿零一")]
    [InlineData("100001000", "一亿零一千")]
    [InlineData("100010000", "一亿零一万")]
    [InlineData("110000000", "一亿一千万")]
    [InlineData("200000000", "两亿")]
    [InlineData("200020002", "两亿零两万零二")]
    [InlineData("1200000000", "十二亿")]
    [InlineData("123456789012", "一千二百三十四亿五千六百七十八万九千零一十二")]
    [InlineData("999999999999", "九千九百九十九亿九千九百九十九万九千九百九十九")]
    [InlineData("007", "七")]
    public void Render_Integer_ReadsLikeASpeaker(string value, string spoken) =>
        Assert.Equal(spoken, SpokenText.Of(MandarinSayAs.Render(value, SayAsKind.Number)));

    [Theory]
    [InlineData("-12", "负十二")]
    [InlineData("-20000", "负两万")]
    [InlineData("-0", "零")]
    [InlineData("3.5", "三点五")]
    [InlineData("3.05", "三点零五")]
    [InlineData("0.125", "零点一二五")]
    [InlineData("-1.5", "负一点五")]
    [InlineData(" 42 ", "四十二")]
    public void Render_SignedOrDecimal_ReadsSignAndPoint(string value, string spoken) =>
        Assert.Equal(spoken, SpokenText.Of(MandarinSayAs.Render(value, SayAsKind.Number)));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1,000")]
    [InlineData("12.")]
    [InlineData(".5")]
    [InlineData("--1")]
    [InlineData("1000000000000")]
    [InlineData("1e5")]
    public void Render_Unparseable_FailsWithMessage(string value)
    {
        var result = MandarinSayAs.Render(value, SayAsKind.Number);
        Assert.False(result.Succeeded);
        Assert.Empty(result.Prompts);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }
}
