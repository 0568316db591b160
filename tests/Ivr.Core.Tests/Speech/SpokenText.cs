using Ivr.Core.Speech;

namespace Ivr.Core.Tests.Speech;

/// <summary>Turns prompt ids back into the characters they speak so golden tests read as Chinese.</summary>
internal static class SpokenText
{
    private static readonly Dictionary<string, string> Characters = new()
    {
        ["n0"] = "零", ["n1"] = "一", ["n2"] = "二", ["n3"] = "三", ["n4"] = "四",
        ["n5"] = "五", ["n6"] = "六", ["n7"] = "七", ["n8"] = "八", ["n9"] = "九",
        ["n1_yao"] = "幺", ["n2_liang"] = "两", ["n10"] = "十", ["n100"] = "百", ["n1000"] = "千",
        ["n10000"] = "万", ["n1e8"] = "亿", ["w_dian"] = "点", ["w_fu"] = "负", ["u_yuan"] = "元",
        ["u_jiao"] = "角", ["u_fen"] = "分", ["u_zheng"] = "整", ["u_nian"] = "年", ["u_yue"] = "月",
        ["u_ri"] = "日", ["l_x"] = "X",
    };

    public static string Of(SayAsResult result)
    {
        Assert.True(result.Succeeded, result.Error);
        return string.Concat(result.Prompts.Select(id => Characters[id]));
    }

    public static bool Knows(string id) => Characters.ContainsKey(id);
}
