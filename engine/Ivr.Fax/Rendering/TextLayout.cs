using System.Globalization;
using System.Text;

namespace Ivr.Fax.Rendering;

/// <summary>One line placed on a page: baseline position in points from the bottom left, and its size.</summary>
public sealed record PlacedLine(string Text, double X, double Y, double FontSize);

/// <summary>
/// Lays UTF-8 text out on fax pages: the first line is the title (larger), blank lines are paragraph
/// breaks, long lines wrap by character (Chinese has no spaces), never splitting a surrogate pair, and
/// never starting a line with closing punctuation (禁则). Widths are conservative estimates: a
/// full-width character is one em, anything else 0.6 em, so a line never runs past the margin.
/// </summary>
public sealed class TextLayout
{
    private const string NoLineStart = "，。、；：？！）》」』】”’,.;:?!)";

    public double Margin { get; init; } = 60;

    public double BodySize { get; init; } = 13;

    public double TitleSize { get; init; } = 20;

    public double LineSpacing { get; init; } = 1.6;

    public IReadOnlyList<IReadOnlyList<PlacedLine>> Layout(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pages = new List<IReadOnlyList<PlacedLine>>();
        var page = new List<PlacedLine>();
        var top = FaxPage.LengthPoints - Margin;
        var y = top;
        var usable = FaxPage.WidthPoints - (2 * Margin);
        var lines = text.Replace("\r\n", "\n").TrimEnd('\n', ' ').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var isTitle = i == 0;
            var size = isTitle ? TitleSize : BodySize;
            var source = lines[i].TrimEnd();
            var pieces = source.Length == 0 ? [""] : Wrap(source, usable / size);
            foreach (var piece in pieces)
            {
                var advance = size * LineSpacing;
                if (y - advance < Margin)
                {
                    pages.Add(page);
                    page = [];
                    y = top;
                }

                y -= advance;
                if (piece.Length > 0)
                {
                    var x = isTitle ? Margin + Math.Max(0, (usable - (Ems(piece) * size)) / 2) : Margin;
                    page.Add(new PlacedLine(piece, x, y, size));
                }
            }

            if (isTitle) y -= BodySize; // space under the title
        }

        if (page.Count > 0 || pages.Count == 0) pages.Add(page);
        return pages;
    }

    /// <summary>Estimated width in ems.</summary>
    public static double Ems(string text)
    {
        double ems = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext()) ems += ElementEms(elements.GetTextElement());
        return ems;
    }

    private static double ElementEms(string element) => element.Length > 1 || element[0] >= 0x1100 ? 1.0 : 0.6;

    private static List<string> Wrap(string line, double maxEms)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        double width = 0;
        var elements = StringInfo.GetTextElementEnumerator(line);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var ems = ElementEms(element);
            var hangs = NoLineStart.Contains(element, StringComparison.Ordinal); // punctuation stays on the line it closes
            if (width + ems > maxEms && current.Length > 0 && !hangs)
            {
                result.Add(current.ToString());
                current.Clear();
                width = 0;
            }

            current.Append(element);
            width += ems;
        }

        if (current.Length > 0) result.Add(current.ToString());
        return result;
    }
}
