namespace Ivr.Core.Speech;

/// <summary>
/// Reads a whole number the way a Mandarin speaker does, as prompt ids (see <see cref="SayAsPromptIds"/>).
/// Numbers are split into groups of four digits (亿, 万, units); inside a group the positions are
/// 千 百 十. Zeros between spoken digits collapse into one 零, trailing zeros are silent, and a
/// group that follows a higher one without its own 千 digit starts with 零 (10010 → 一万零一十).
/// 十 alone opens a number (12 → 十二, 100000 → 十万) but not the middle of one (110 → 一百一十).
/// 两 is read before 千 (2000 → 两千) and for a lone 2 before 万 or 亿 (20000 → 两万); before 百
/// the formal 二 is kept (200 → 二百), as banks and announcements read it.
/// </summary>
internal static class MandarinNumber
{
    public const long Max = 999_999_999_999;

    public static void AppendInteger(List<string> output, long value)
    {
        if (value is < 0 or > Max) throw new ArgumentOutOfRangeException(nameof(value), value, $"must be 0 … {Max}");
        if (value == 0)
        {
            output.Add(SayAsPromptIds.Digit[0]);
            return;
        }

        (int Group, string? Unit)[] groups =
        [
            ((int)(value / 100_000_000), SayAsPromptIds.HundredMillion),
            ((int)(value / 10_000 % 10_000), SayAsPromptIds.TenThousand),
            ((int)(value % 10_000), null),
        ];
        var started = false;
        var skippedGroup = false;
        foreach (var (group, unit) in groups)
        {
            if (group == 0)
            {
                skippedGroup |= started;
                continue;
            }

            if (started && (skippedGroup || group < 1000)) output.Add(SayAsPromptIds.Digit[0]);
            AppendGroup(output, group, leading: !started, beforeUnit: unit is not null);
            if (unit is not null) output.Add(unit);
            started = true;
            skippedGroup = false;
        }
    }

    /// <summary>A digit on its own (角, 分, a fraction digit, a year digit): 1 → 一, 2 → 二.</summary>
    public static string Digit(int digit) => SayAsPromptIds.Digit[digit];

    private static void AppendGroup(List<string> output, int group, bool leading, bool beforeUnit)
    {
        string[] positions = [SayAsPromptIds.Thousand, SayAsPromptIds.Hundred, SayAsPromptIds.Ten];
        var divisor = 1000;
        var emitted = false;
        var zero = false;
        for (var position = 3; position >= 0; position--, divisor /= 10)
        {
            var digit = group / divisor % 10;
            if (digit == 0)
            {
                zero |= emitted;
                continue;
            }

            if (zero) output.Add(SayAsPromptIds.Digit[0]);
            zero = false;
            var silentOne = position == 1 && digit == 1 && leading && !emitted;
            var liang = digit == 2 && (position == 3 || (position == 0 && group == 2 && beforeUnit));
            if (liang) output.Add(SayAsPromptIds.TwoLiang);
            else if (!silentOne) output.Add(SayAsPromptIds.Digit[digit]);
            if (position > 0) output.Add(positions[3 - position]);
            emitted = true;
        }
    }
}
