namespace Ivr.Fax.Rendering;

/// <summary>A TrueType collection with GB 2312 coverage that Ghostscript can use as a CIDFont.</summary>
/// <param name="Path">The .ttc / .ttf file.</param>
/// <param name="SubfontId">Which font of the collection.</param>
public sealed record ChineseFont(string Path, int SubfontId)
{
    public const string InstallCommand = "apt-get install fonts-wqy-microhei";

    /// <summary>The Debian locations of WenQuanYi Micro Hei and Zen Hei (TrueType outlines; Noto CJK is CFF, which a cidfmap cannot take).</summary>
    public static readonly IReadOnlyList<ChineseFont> Candidates =
    [
        new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
        new("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ];

    /// <exception cref="FaxRenderException">None of the candidates is installed.</exception>
    public static ChineseFont Find(IEnumerable<ChineseFont>? candidates = null) =>
        (candidates ?? Candidates).FirstOrDefault(f => File.Exists(f.Path))
        ?? throw new FaxRenderException($"no Chinese TrueType font found (looked for {string.Join(", ", (candidates ?? Candidates).Select(f => f.Path))}); install one with: {InstallCommand}");
}
