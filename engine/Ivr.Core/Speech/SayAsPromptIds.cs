namespace Ivr.Core.Speech;

/// <summary>
/// The prompt ids of the spoken fragments <see cref="MandarinSayAs"/> concatenates. Each must exist
/// in the prompt catalog (prompts/zh-CN/catalog.yaml) with the Chinese text in the comment.
/// </summary>
public static class SayAsPromptIds
{
    /// <summary>零 一 二 三 四 五 六 七 八 九, indexed by digit.</summary>
    public static readonly IReadOnlyList<string> Digit = ["n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"];

    public const string OneYao = "n1_yao";      // 幺 (1 when reading digits one by one)
    public const string TwoLiang = "n2_liang";  // 两
    public const string Ten = "n10";            // 十
    public const string Hundred = "n100";       // 百
    public const string Thousand = "n1000";     // 千
    public const string TenThousand = "n10000"; // 万
    public const string HundredMillion = "n1e8"; // 亿
    public const string Point = "w_dian";       // 点 (decimal point, and the hour of a time)
    public const string Minus = "w_fu";         // 负
    public const string Yuan = "u_yuan";        // 元
    public const string Jiao = "u_jiao";        // 角
    public const string Fen = "u_fen";          // 分 (money, and the minutes of a time)
    public const string Zheng = "u_zheng";      // 整 (一百元整, 十四点整)
    public const string Year = "u_nian";        // 年
    public const string MonthUnit = "u_yue";    // 月
    public const string Day = "u_ri";           // 日
    public const string LetterX = "l_x";        // the letter X (last character of a resident ID)

    /// <summary>Every id above: what the catalog must hold for say-as to be playable.</summary>
    public static readonly IReadOnlyCollection<string> All =
    [
        .. Digit, OneYao, TwoLiang, Ten, Hundred, Thousand, TenThousand, HundredMillion,
        Point, Minus, Yuan, Jiao, Fen, Zheng, Year, MonthUnit, Day, LetterX,
    ];
}
