using Ivr.Core.Speech;

namespace Ivr.Core.Tests.Speech;

public sealed class MandarinSayAsDateTimeTests
{
    [Theory]
    [InlineData("2026-11-22", "二零二六年十一月二十二日")]
    [InlineData("2026-01-01", "二零二六年一月一日")]
    [InlineData("2026-02-02", "二零二六年二月二日")]
    [InlineData("2011-10-10", "二零一一年十月十日")]
    [InlineData("1999-12-31", "一九九九年十二月三十一日")]
    [InlineData("2000-02-29", "二零零零年二月二十九日")]
    public void Render_Date_YearDigitByDigitMonthAndDayAsNumbers(string value, string spoken) =>
        Assert.Equal(spoken, SpokenText.Of(MandarinSayAs.Render(value, SayAsKind.Date)));

    [Theory]
    [InlineData("2026-11", "二零二六年十一月")]
    [InlineData("2025-06", "二零二五年六月")]
    [InlineData("2021-12", "二零二一年十二月")]
    public void Render_Month_YearAndMonth(string value, string spoken) =>
        Assert.Equal(spoken, SpokenText.Of(MandarinSayAs.Render(value, SayAsKind.Month)));

    [Theory]
    [InlineData("14:05", "十四点零五分")]
    [InlineData("14:30", "十四点三十分")]
    [InlineData("14:00", "十四点整")]
    [InlineData("08:00", "八点整")]
    [InlineData("8:15", "八点十五分")]
    [InlineData("02:00", "两点整")]
    [InlineData("12:10", "十二点十分")]
    [InlineData("20:00", "二十点整")]
    [InlineData("22:22", "二十二点二十二分")]
    [InlineData("00:00", "零点整")]
    [InlineData("23:59", "二十三点五十九分")]
    public void Render_Time_UsesDianAndFen(string value, string spoken) =>
        Assert.Equal(spoken, SpokenText.Of(MandarinSayAs.Render(value, SayAsKind.Time)));

    [Theory]
    [InlineData("2026-13-01", SayAsKind.Date)]
    [InlineData("2026-02-30", SayAsKind.Date)]
    [InlineData("22/11/2026", SayAsKind.Date)]
    [InlineData("2026-11-22", SayAsKind.Month)]
    [InlineData("2026-00", SayAsKind.Month)]
    [InlineData("24:00", SayAsKind.Time)]
    [InlineData("14:60", SayAsKind.Time)]
    [InlineData("14.05", SayAsKind.Time)]
    [InlineData("   ", SayAsKind.Time)]
    public void Render_BadDateOrTime_FailsWithMessage(string value, SayAsKind kind)
    {
        var result = MandarinSayAs.Render(value, kind);
        Assert.False(result.Succeeded);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void FragmentPromptIds_CoverEveryIdRenderProduces()
    {
        string[][] samples =
        [
            [.. MandarinSayAs.Render("-123456789012.5", SayAsKind.Number).Prompts],
            [.. MandarinSayAs.Render("20002.05", SayAsKind.Amount).Prompts],
            [.. MandarinSayAs.Render("100", SayAsKind.Amount).Prompts],
            [.. MandarinSayAs.Render("0.30", SayAsKind.Amount).Prompts],
            [.. MandarinSayAs.Render("0123456789X", SayAsKind.Digits).Prompts],
            [.. MandarinSayAs.Render("2026-11-22", SayAsKind.Date).Prompts],
            [.. MandarinSayAs.Render("02:00", SayAsKind.Time).Prompts],
            [.. MandarinSayAs.Render("14:05", SayAsKind.Time).Prompts],
            [.. MandarinSayAs.Render("200000000", SayAsKind.Number).Prompts],
        ];
        var produced = samples.SelectMany(s => s).ToHashSet();
        Assert.Subset(MandarinSayAs.FragmentPromptIds.ToHashSet(), produced);
        Assert.Equal(MandarinSayAs.FragmentPromptIds.Count, produced.Count);
        Assert.All(MandarinSayAs.FragmentPromptIds, id => Assert.True(SpokenText.Knows(id), id));
    }
}
