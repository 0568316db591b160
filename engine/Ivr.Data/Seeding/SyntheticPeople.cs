using System.Globalization;
using Ivr.Data.Appraisals;
using Ivr.Data.Contributions;
using Ivr.Data.Pensions;
using Ivr.Data.Security;

namespace Ivr.Data.Seeding;

/// <summary>
/// Generates realistic synthetic people, deterministically from a seed and an as-of date: valid
/// resident IDs (born 1940–2005, real region codes, sex in the sequence parity), names, unique
/// 12-digit card numbers and 10-digit serials (affine permutations of the index, outside the demo
/// range), a pension for everyone past retirement age (men 60, women 55 — the rule before the
/// 2025 reform), contribution histories with arrears for some, and appraisals for about 2%.
/// </summary>
internal sealed class SyntheticPeople
{
    private const long CardBase = 200_000_000_000, CardSpan = 700_000_000_000, CardStep = 1_000_003;
    private const long SerialBase = 2_000_000_000, SerialSpan = 7_000_000_000, SerialStep = 999_983;
    private static readonly DateOnly FirstBirth = new(1940, 1, 1);
    private static readonly DateOnly LastBirth = new(2005, 12, 31);
    private static readonly (string Grade, string Conclusion)[] Appraisals =
    [
        ("五级", "因工致残，劳动功能障碍"), ("六级", "因工致残，劳动功能障碍"), ("七级", "因工致残，劳动功能障碍"),
        ("八级", "因工致残，劳动功能障碍"), ("九级", "因工致残，劳动功能障碍"), ("十级", "因工致残，劳动功能障碍"),
        ("未达级", "劳动功能障碍未达到伤残等级"), ("完全丧失", "完全丧失劳动能力"),
    ];

    private readonly Random _random;
    private readonly DateOnly _asOf;
    private readonly HashSet<string> _ids;
    private readonly long _cardOffset;
    private readonly long _serialOffset;
    private long _index;
    private int _appraisals;

    public SyntheticPeople(int seed, DateOnly asOf, IEnumerable<string> reservedIds)
    {
        _random = new Random(seed);
        _asOf = asOf;
        _ids = new HashSet<string>(reservedIds, StringComparer.Ordinal);
        _cardOffset = _random.NextInt64(CardSpan);
        _serialOffset = _random.NextInt64(SerialSpan);
    }

    public SyntheticPerson Next()
    {
        var male = _random.Next(2) == 0;
        var region = Regions.Codes[_random.Next(Regions.Codes.Count)];
        var birth = DateOnly.FromDayNumber(_random.Next(FirstBirth.DayNumber, LastBirth.DayNumber + 1));
        string id;
        do id = ResidentIdGenerator.Create(region, birth, _random.Next(500) * 2 + (male ? 1 : 0));
        while (!_ids.Add(id));

        var index = _index++;
        var retirement = birth.AddYears(male ? 60 : 55);
        var retired = retirement < new DateOnly(_asOf.Year, _asOf.Month, 1);
        var years = retired ? _random.Next(15, 43) : 0;
        return new SyntheticPerson
        {
            Id = id,
            Name = ChineseNames.Next(_random, male),
            Region = region,
            BirthDate = birth,
            Pin = NextPin(id),
            CardNumber = (CardBase + (CardStep * index + _cardOffset) % CardSpan).ToString(CultureInfo.InvariantCulture),
            Serial = (SerialBase + (SerialStep * index + _serialOffset) % SerialSpan).ToString(CultureInfo.InvariantCulture),
            Pension = retired ? NextPension(id, years) : null,
            Contributions = retired ? RetiredContributions(id, retirement, years) : WorkingContributions(id, birth),
            Appraisal = _random.Next(50) == 0 ? NextAppraisal(id) : null,
        };
    }

    private string NextPin(string id)
    {
        string pin;
        do pin = _random.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        while (WeakPinPolicy.Check(pin, id) != PinWeakness.None);
        return pin;
    }

    private Pension NextPension(string id, int years)
        => new(id, _random.Next(180_000, 650_001), Month(_asOf.AddMonths(-1)), _random.NextInt64(0, 15_000_001), years);

    private ContributionRecord RetiredContributions(string id, DateOnly retirement, int years)
        => new(id, Month(retirement.AddMonths(-1)), years * 12, _random.Next(0, 3_000_001), 0);

    private ContributionRecord WorkingContributions(string id, DateOnly birth)
    {
        var age = _asOf.Year - birth.Year - (_asOf < birth.AddYears(_asOf.Year - birth.Year) ? 1 : 0);
        var start = birth.AddYears(18 + _random.Next(0, Math.Min(7, age - 18) + 1));
        var last = _asOf.AddMonths(-1);
        var arrears = 0L;
        if (_random.Next(12) == 0)
        {
            var missed = _random.Next(1, 13);
            last = last.AddMonths(-missed);
            arrears = missed * (long)_random.Next(50_000, 150_001);
        }
        var span = Math.Max(1, (last.Year - start.Year) * 12 + last.Month - start.Month + 1);
        var months = Math.Max(1, span - _random.Next(0, span / 5 + 1));
        return new ContributionRecord(id, Month(last), months, _random.Next(0, 3_000_001), arrears);
    }

    private Appraisal NextAppraisal(string id)
    {
        var (grade, conclusion) = Appraisals[_random.Next(Appraisals.Length)];
        var number = string.Create(CultureInfo.InvariantCulture, $"{_random.Next(2015, _asOf.Year + 1)}{100_000 + _appraisals++:D6}");
        return new Appraisal(number, id, conclusion, grade);
    }

    private static string Month(DateOnly date) => DbTime.MonthText(date.Year, date.Month);
}
