namespace Ivr.Data.Seeding;

/// <summary>A small list of real county-level region codes (GB/T 2260) for synthetic IDs.</summary>
internal static class Regions
{
    public static readonly IReadOnlyList<string> Codes =
    [
        "110101", // 北京市东城区
        "110105", // 北京市朝阳区
        "110108", // 北京市海淀区
        "310101", // 上海市黄浦区
        "310115", // 上海市浦东新区
        "330102", // 杭州市上城区
        "330106", // 杭州市西湖区
        "330203", // 宁波市海曙区
        "440106", // 广州市天河区
        "440305", // 深圳市南山区
        "500103", // 重庆市渝中区
        "500106", // 重庆市沙坪坝区
        "320102", // 南京市玄武区
        "510104", // 成都市锦江区
        "420106", // 武汉市武昌区
        "650102", // 乌鲁木齐市天山区
    ];
}
