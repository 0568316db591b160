namespace Ivr.Data.Seeding;

/// <summary>Common surnames and given-name characters for synthetic people.</summary>
internal static class ChineseNames
{
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
        "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    ];

    private static readonly string[] Male =
    [
        "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "建", "国", "华", "志",
        "文", "斌", "浩", "宇", "鹏", "飞", "峰", "林", "波", "海", "东", "亮", "成", "俊",
    ];

    private static readonly string[] Female =
    [
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "英", "玲", "桂", "兰", "萍", "红", "梅",
        "琳", "婷", "雪", "慧", "燕", "洁", "颖", "莉", "倩", "佳", "欣", "月", "晶", "丹",
    ];

    public static string Next(Random random, bool male)
    {
        var given = male ? Male : Female;
        var name = Surnames[random.Next(Surnames.Length)] + given[random.Next(given.Length)];
        return random.Next(3) == 0 ? name : name + given[random.Next(given.Length)];
    }
}
