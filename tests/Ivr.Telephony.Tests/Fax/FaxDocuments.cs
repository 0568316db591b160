using Ivr.Fax.Rendering;

namespace Ivr.Telephony.Tests.Fax;

/// <summary>A one-page Chinese notice, rendered once per test run, and a folder for received faxes.</summary>
public static class FaxDocuments
{
    private static readonly Lazy<string> s_onePage = new(() =>
    {
        var folder = NewFolder();
        var source = Path.Combine(folder, "notice.txt");
        File.WriteAllText(source, "社保卡办理指南\n\n社保卡遗失的，请立即拨打 12333 按提示办理临时挂失。\n临时挂失有效期为 5 天，请在有效期内到网点办理正式挂失并补卡。\n" +
            string.Concat(Enumerable.Range(1, 12).Select(i => $"第 {i} 条：请勿将密码告诉他人，工作人员不会向您索要密码。\n")));
        var output = Path.Combine(folder, "notice.tif");
        new FaxDocumentRenderer().Render(source, output);
        return output;
    });

    public static string OnePage => s_onePage.Value;

    public static string NewFolder() => Directory.CreateTempSubdirectory("ivr-telephony-fax-").FullName;
}
