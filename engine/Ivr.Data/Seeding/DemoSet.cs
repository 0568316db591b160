using Ivr.Data.Appraisals;
using Ivr.Data.Contributions;
using Ivr.Data.Pensions;

namespace Ivr.Data.Seeding;

/// <summary>The six fixed demo identities, always seeded first with the production PIN hash count.</summary>
internal static class DemoSet
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static readonly IReadOnlyList<DemoRecord> Records =
    [
        new(new DemoIdentity("11010519491231002X", "张建国", "740258", "100000000001", "1000000001", null,
                "retired; ID ends in X (press * for X)",
                "verify_pin ok 张**; pension 3256.50/month, last paid 2026-10, account 12345.05, 35 years; contributions 2009-12, 420 months, medical 880.00, arrears 0.00"),
            "110105", new DateOnly(1949, 12, 31),
            new Pension("11010519491231002X", 325650, "2026-10", 1234505, 35),
            new ContributionRecord("11010519491231002X", "2009-12", 420, 88000, 0), null),

        new(new DemoIdentity("110105196503121235", "刘志强", "918273", "100000000002", "1000000002", null,
                "retired; card already reported lost",
                "card.report_loss already_lost; pension 4180.00/month, last paid 2026-10, account 56320.40, 38 years"),
            "110105", new DateOnly(1965, 3, 12),
            new Pension("110105196503121235", 418000, "2026-10", 5632040, 38),
            new ContributionRecord("110105196503121235", "2025-03", 456, 1520075, 0), null,
            CardLostAt: new DateTimeOffset(2026, 11, 1, 9, 30, 0, China), LossReference: "20261101000001"),

        new(new DemoIdentity("330106198001010048", "李秀英", "135790", "100000000003", "1000000003", "2025000123",
                "working, contributions in arrears; has an appraisal",
                "pension not_found; contributions 2026-09, 250 months, medical 4567.89, arrears 1234.00; appraisal 七级"),
            "330106", new DateOnly(1980, 1, 1), null,
            new ContributionRecord("330106198001010048", "2026-09", 250, 456789, 123400),
            new Appraisal("2025000123", "330106198001010048", "因工致残，劳动功能障碍", "七级")),

        new(new DemoIdentity("440106199202290058", "陈浩", "602486", "100000000004", "1000000004", null,
                "working; PIN locked (demo lock lasts until 2099)",
                "verify_pin locked; card services locked; contributions 2026-10, 96 months, medical 2100.50, arrears 0.00"),
            "440106", new DateOnly(1992, 2, 29), null,
            new ContributionRecord("440106199202290058", "2026-10", 96, 210050, 0), null,
            PinLockedUntil: new DateTimeOffset(2100, 1, 1, 0, 0, 0, China)),

        new(new DemoIdentity("500103195507070063", "赵桂兰", "384950", "100000000005", "1000000005", "2024000456",
                "retired woman; appraisal below grade",
                "pension 2890.30/month, last paid 2026-10, account 8800.00, 30 years; appraisal 未达级"),
            "500103", new DateOnly(1955, 7, 7),
            new Pension("500103195507070063", 289030, "2026-10", 880000, 30),
            new ContributionRecord("500103195507070063", "2010-07", 360, 120000, 0),
            new Appraisal("2024000456", "500103195507070063", "劳动功能障碍未达到伤残等级", "未达级")),

        new(new DemoIdentity("11010120000101007X", "孙宇", "258014", "100000000006", "1000000006", null,
                "young worker, not retired; ID ends in X",
                "pension not_found; contributions 2026-10, 48 months, medical 1500.00, arrears 0.00; card.change_pin works"),
            "110101", new DateOnly(2000, 1, 1), null,
            new ContributionRecord("11010120000101007X", "2026-10", 48, 150000, 0), null),
    ];
}
