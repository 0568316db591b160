using Ivr.Fax.Rendering;

namespace Ivr.Fax.Tests.Rendering;

public sealed class TextLayoutTests
{
    private readonly TextLayout _layout = new();

    [Fact]
    public void Layout_LongChineseLine_WrapsWithinTheMargins()
    {
        var pages = _layout.Layout("标题\n" + new string('保', 200));

        var body = pages[0].Skip(1).ToList();
        Assert.True(body.Count >= 4);
        var usableEms = (FaxPage.WidthPoints - (2 * _layout.Margin)) / _layout.BodySize;
        Assert.All(body, l => Assert.InRange(TextLayout.Ems(l.Text), 1, usableEms));
        Assert.Equal(200, body.Sum(l => l.Text.Length));
    }

    [Fact]
    public void Layout_ClosingPunctuation_NeverStartsALine()
    {
        var usableChars = (int)((FaxPage.WidthPoints - (2 * _layout.Margin)) / _layout.BodySize);
        var pages = _layout.Layout("标题\n" + new string('缴', usableChars) + "。后续");

        Assert.EndsWith("。", pages[0][1].Text);
        Assert.Equal("后续", pages[0][2].Text);
    }

    [Fact]
    public void Layout_ManyLines_FillsPagesTopDownWithinMargins()
    {
        var pages = _layout.Layout("标题\n" + string.Join('\n', Enumerable.Range(1, 80).Select(i => $"第{i}行")));

        Assert.True(pages.Count >= 2);
        Assert.All(pages.SelectMany(p => p), l => Assert.InRange(l.Y, _layout.Margin, FaxPage.LengthPoints - _layout.Margin));
        Assert.All(pages, p => Assert.True(p.Zip(p.Skip(1)).All(pair => pair.First.Y > pair.Second.Y)));
        Assert.Equal(81, pages.Sum(p => p.Count));
    }

    [Fact]
    public void Layout_Title_IsCentredAndLarger()
    {
        var title = _layout.Layout("社保卡办理指南\n正文")[0][0];

        Assert.Equal(_layout.TitleSize, title.FontSize);
        Assert.True(title.X > _layout.Margin + 100);
    }
}
