using Ivr.Fax.Rendering;
using Ivr.Fax.Tests.Support;

namespace Ivr.Fax.Tests.Rendering;

public sealed class RenderManifestTests
{
    private readonly string _folder = TestDocuments.NewFolder();

    [Fact]
    public void IsCurrent_OnlyForTheSameSourceWithItsOutputPresent()
    {
        var source = Path.Combine(_folder, "a.txt");
        var output = Path.Combine(_folder, "a.tif");
        File.WriteAllText(source, "一");
        File.WriteAllText(output, "tiff");
        var manifest = RenderManifest.Load(Path.Combine(_folder, RenderManifest.FileName));
        Assert.False(manifest.IsCurrent("a", source, output));

        manifest.Record("a", source);
        manifest.Save();
        var reloaded = RenderManifest.Load(manifest.Path);

        Assert.True(reloaded.IsCurrent("a", source, output));
        File.WriteAllText(source, "二");
        Assert.False(reloaded.IsCurrent("a", source, output));
        File.WriteAllText(source, "一");
        File.Delete(output);
        Assert.False(reloaded.IsCurrent("a", source, output));
    }

    [Fact]
    public void Load_GarbledLines_AreIgnoredSoTheDocumentIsRenderedAgain()
    {
        var source = Path.Combine(_folder, "a.txt");
        var output = Path.Combine(_folder, "a.tif");
        File.WriteAllText(source, "一");
        File.WriteAllText(output, "tiff");
        var path = Path.Combine(_folder, RenderManifest.FileName);
        File.WriteAllText(path, "a\nnonsense line with too many parts here\n");

        Assert.False(RenderManifest.Load(path).IsCurrent("a", source, output));
    }
}
