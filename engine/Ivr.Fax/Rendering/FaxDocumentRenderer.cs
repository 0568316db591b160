using System.Text;

namespace Ivr.Fax.Rendering;

/// <summary>
/// Turns a source document into a fax-ready TIFF (G4, 204 × 196 dpi, 1728 × 2292 pixels a page):
/// <c>.pdf</c> is rasterised as is (scaled to the page); <c>.txt</c> (UTF-8, Chinese) is laid out by
/// <see cref="TextLayout"/>, written as PostScript and rasterised with a Chinese TrueType font. The
/// output is written next to its final name and moved into place, so a failed render leaves the old file.
/// </summary>
public sealed class FaxDocumentRenderer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public Ghostscript Ghostscript { get; init; } = new();

    public TextLayout Layout { get; init; } = new();

    public IReadOnlyList<ChineseFont>? Fonts { get; init; }

    /// <returns>The rendered pages.</returns>
    /// <exception cref="FaxRenderException">Unknown source type, text that is not UTF-8, or Ghostscript failed.</exception>
    public IReadOnlyList<TiffPage> Render(string source, string output)
    {
        if (!File.Exists(source)) throw new FaxRenderException($"{source}: no such file");
        var partial = output + ".partial";
        var workspace = Directory.CreateTempSubdirectory("ivr-fax-render-");
        try
        {
            switch (Path.GetExtension(source).ToLowerInvariant())
            {
                case ".pdf":
                    Ghostscript.RenderToFaxTiff(source, partial, font: null);
                    break;
                case ".txt":
                    var postScript = Path.Combine(workspace.FullName, "document.ps");
                    File.WriteAllText(postScript, PostScriptText.Write(Layout.Layout(ReadText(source))), Encoding.ASCII);
                    Ghostscript.RenderToFaxTiff(postScript, partial, ChineseFont.Find(Fonts));
                    break;
                default:
                    throw new FaxRenderException($"{source}: only .pdf and UTF-8 .txt sources can be rendered");
            }

            if (!File.Exists(partial)) throw new FaxRenderException($"{source}: Ghostscript wrote no page (is it a valid {Path.GetExtension(source)} file?)");
            IReadOnlyList<TiffPage> pages;
            try
            {
                pages = TiffPages.Read(partial);
            }
            catch (InvalidDataException e)
            {
                throw new FaxRenderException($"{source}: Ghostscript wrote a broken TIFF: {e.Message}");
            }

            if (pages.Count == 0) throw new FaxRenderException($"{source}: Ghostscript wrote no page");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            File.Move(partial, output, overwrite: true);
            return pages;
        }
        finally
        {
            workspace.Delete(recursive: true);
            File.Delete(partial);
        }
    }

    private static string ReadText(string source)
    {
        try
        {
            var text = File.ReadAllText(source, StrictUtf8);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new FaxRenderException($"{source}: not UTF-8 text");
        }
    }
}
