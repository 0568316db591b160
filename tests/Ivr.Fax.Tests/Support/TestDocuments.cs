using System.Text;
using Ivr.Fax.Rendering;

namespace Ivr.Fax.Tests.Support;

/// <summary>A three-page Chinese document rendered once for the whole test run (Ghostscript is slow here).</summary>
public static class TestDocuments
{
    private static readonly Lazy<string> s_threePages = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ivr-fax-doc-").FullName;
        var source = Path.Combine(folder, "three_pages.txt");
        var text = new StringBuilder("测试传真文件\n\n");
        for (var i = 1; i <= 45; i++) text.Append($"第 {i} 行：参保人员达到法定退休年龄，且累计缴费满十五年的，可以按月领取基本养老金。\n");
        File.WriteAllText(source, text.ToString());
        var output = Path.Combine(folder, "three_pages.tif");
        new FaxDocumentRenderer().Render(source, output);
        return output;
    });

    public static string ThreePages => s_threePages.Value;

    public static string NewFolder() => Directory.CreateTempSubdirectory("ivr-fax-test-").FullName;
}
