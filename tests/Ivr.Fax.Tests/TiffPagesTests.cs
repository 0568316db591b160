using Ivr.Fax.Rendering;
using Ivr.Fax.Tests.Support;

namespace Ivr.Fax.Tests;

public sealed class TiffPagesTests
{
    [Fact]
    public void Read_RenderedDocument_GivesEveryPageItsSizeAndResolution()
    {
        var pages = TiffPages.Read(TestDocuments.ThreePages);

        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Equal(new TiffPage(FaxPage.WidthPixels, FaxPage.LengthPixels, FaxPage.XDpi, FaxPage.YDpi, 4), p));
    }

    [Fact]
    public void Read_NotATiff_ThrowsInvalidData()
    {
        var path = Path.Combine(TestDocuments.NewFolder(), "x.tif");
        File.WriteAllText(path, "%PDF-1.4 not a tiff");

        var error = Assert.Throws<InvalidDataException>(() => TiffPages.Read(path));
        Assert.Contains("not a TIFF", error.Message);
    }

    [Fact]
    public void Read_TruncatedTiff_ThrowsInvalidData()
    {
        var path = Path.Combine(TestDocuments.NewFolder(), "x.tif");
        File.WriteAllBytes(path, File.ReadAllBytes(TestDocuments.ThreePages).AsSpan(0, 8).ToArray().Concat(new byte[] { 0xFF }).ToArray());
        var bytes = File.ReadAllBytes(path);
        bytes[4] = 0xF0; // first directory far past the end

        File.WriteAllBytes(path, bytes);

        Assert.Throws<InvalidDataException>(() => TiffPages.Read(path));
    }
}
