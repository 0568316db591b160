using System.Globalization;
using System.Text;

namespace Ivr.Fax.Rendering;

/// <summary>
/// Writes laid-out pages as a PostScript program for Ghostscript. The text font is a composite font
/// built from the CIDFont named <see cref="CidFontName"/> (mapped to a TrueType file by
/// <see cref="Ghostscript"/>'s cidfmap) with the UniGB-UTF16-H CMap, so every string is UTF-16BE hex:
/// no escaping problem, any character of the font, surrogate pairs included.
/// </summary>
public static class PostScriptText
{
    public const string CidFontName = "IvrFaxText";

    public static string Write(IReadOnlyList<IReadOnlyList<PlacedLine>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var ps = new StringBuilder();
        ps.Append("%!PS-Adobe-3.0\n");
        ps.Append(CultureInfo.InvariantCulture, $"%%Pages: {pages.Count}\n%%EndComments\n");
        ps.Append(CultureInfo.InvariantCulture, $"/IvrFaxFont /UniGB-UTF16-H [/{CidFontName} /CIDFont findresource] composefont pop\n");
        var number = 0;
        foreach (var page in pages)
        {
            ps.Append(CultureInfo.InvariantCulture, $"%%Page: {++number} {number}\n");
            double? size = null;
            foreach (var line in page)
            {
                if (size != line.FontSize)
                {
                    ps.Append(CultureInfo.InvariantCulture, $"/IvrFaxFont findfont {line.FontSize:0.##} scalefont setfont\n");
                    size = line.FontSize;
                }

                ps.Append(CultureInfo.InvariantCulture, $"{line.X:0.##} {line.Y:0.##} moveto <{Hex(line.Text)}> show\n");
            }

            ps.Append("showpage\n");
        }

        ps.Append("%%EOF\n");
        return ps.ToString();
    }

    private static string Hex(string text) => Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text));
}
