using System.Diagnostics;
using System.Text;
using Ivr.Fax.Rendering;
using Ivr.Fax.Tests.Support;

namespace Ivr.Fax.Tests.Rendering;

public sealed class FaxDocumentRendererTests
{
    private readonly FaxDocumentRenderer _renderer = new();
    private readonly string _folder = TestDocuments.NewFolder();

    [Fact]
    public void Render_ChineseText_GivesFineResolutionG4PagesWithInk()
    {
        var source = Path.Combine(_folder, "doc.txt");
        File.WriteAllText(source, "社会保险缴费指南\n\n单位应当在每月 25 日前申报并缴纳当月社会保险费。");
        var output = Path.Combine(_folder, "doc.tif");

        var pages = _renderer.Render(source, output);

        Assert.Equal(new TiffPage(1728, 2292, 204, 196, 4), Assert.Single(pages));
        var black = TiffBitmap.ReadPages(output)[0].BlackPixels;
        Assert.InRange(black, 5_000, 200_000); // glyphs drawn, not boxes of a missing font filling the page
    }

    [Fact]
    public void Render_Pdf_ScalesItOntoTheFaxPage()
    {
        var pdf = Path.Combine(_folder, "letter.pdf");
        MakePdf(pdf);
        var output = Path.Combine(_folder, "letter.tif");

        var pages = _renderer.Render(pdf, output);

        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.Equal((1728, 2292), (p.Width, p.Length)));
    }

    [Fact]
    public void Render_TextThatIsNotUtf8_FailsClearlyAndKeepsTheOldOutput()
    {
        var source = Path.Combine(_folder, "gbk.txt");
        File.WriteAllBytes(source, Encoding.Latin1.GetBytes("\u00c9\u00e7\u00bb\u00e1")); // GBK bytes of 社会, not UTF-8
        var output = Path.Combine(_folder, "gbk.tif");
        File.WriteAllText(output, "old");

        var error = Assert.Throws<FaxRenderException>(() => _renderer.Render(source, output));

        Assert.Contains("not UTF-8", error.Message);
        Assert.Equal("old", File.ReadAllText(output));
    }

    [Fact]
    public void Render_UnknownSourceType_FailsClearly()
    {
        var source = Path.Combine(_folder, "doc.docx");
        File.WriteAllText(source, "x");

        var error = Assert.Throws<FaxRenderException>(() => _renderer.Render(source, Path.Combine(_folder, "doc.tif")));
        Assert.Contains("only .pdf and UTF-8 .txt", error.Message);
    }

    [Fact]
    public void Render_BrokenPdf_ReportsGhostscriptsErrorAndWritesNothing()
    {
        var source = Path.Combine(_folder, "broken.pdf");
        File.WriteAllText(source, "%PDF-1.4\nthis is not a pdf\n");
        var output = Path.Combine(_folder, "broken.tif");

        Assert.Throws<FaxRenderException>(() => _renderer.Render(source, output));
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
    }

    [Fact]
    public void Render_NoChineseFont_SaysWhichPackageToInstall()
    {
        var source = Path.Combine(_folder, "doc.txt");
        File.WriteAllText(source, "标题");
        var renderer = new FaxDocumentRenderer { Fonts = [new ChineseFont("/nonexistent/font.ttc", 0)] };

        var error = Assert.Throws<FaxRenderException>(() => renderer.Render(source, Path.Combine(_folder, "doc.tif")));
        Assert.Contains("fonts-wqy-microhei", error.Message);
    }

    [Fact]
    public void Render_GhostscriptMissing_SaysWhichPackageToInstall()
    {
        var source = Path.Combine(_folder, "doc.txt");
        File.WriteAllText(source, "标题");
        var renderer = new FaxDocumentRenderer { Ghostscript = new Ghostscript { Executable = "/nonexistent/gs" } };

        var error = Assert.Throws<FaxRenderException>(() => renderer.Render(source, Path.Combine(_folder, "doc.tif")));
        Assert.Contains("apt-get install ghostscript", error.Message);
    }

    private static void MakePdf(string pdf)
    {
        var ps = pdf + ".ps";
        File.WriteAllText(ps, "%!PS\n/Helvetica findfont 24 scalefont setfont\n72 700 moveto (Page one) show showpage\n72 700 moveto (Page two) show showpage\n");
        using var gs = Process.Start(new ProcessStartInfo("gs", ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-sPAPERSIZE=letter", $"-sOutputFile={pdf}", ps]))!;
        gs.WaitForExit();
        Assert.Equal(0, gs.ExitCode);
    }
}
