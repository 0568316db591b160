using System.Globalization;

namespace Ivr.Core.Speech;

/// <summary>
/// Turns a value into the ordered list of prompt ids that speak it in Mandarin.
/// Readings chosen (golden tests in tests/Ivr.Core.Tests/Speech):
/// <list type="bullet">
/// <item><see cref="SayAsKind.Number"/>: integers 0 … 999 999 999 999 with an optional sign and
/// decimal part — see <see cref="MandarinNumber"/>; −12 → 负十二, 3.05 → 三点零五.</item>
/// <item><see cref="SayAsKind.Amount"/>: bank style. Whole yuan end in 整 (100 → 一百元整); 角 and
/// 分 follow (3256.50 → 三千二百五十六元五角, 3256.05 → 三千二百五十六元零五分); under one yuan
/// the 元 is dropped (0.30 → 三角); zero is 零元. A lone 2 of 元/角/分 stays 二 (二元, 二角).</item>
/// <item><see cref="SayAsKind.Digits"/>: one by one, 1 as 幺, X as the letter; spaces and hyphens
/// are skipped silently.</item>
/// <item><see cref="SayAsKind.Date"/> / <see cref="SayAsKind.Month"/>: the year digit by digit
/// (一, not 幺), month and day as numbers, written style 日 (not 号).</item>
/// <item><see cref="SayAsKind.Time"/>: 24-hour clock with 点 (everyday speech; 时 is broadcast
/// style): 14:05 → 十四点零五分, 14:30 → 十四点三十分, 14:00 → 十四点整, 2:00 → 两点.</item>
/// </list>
/// Unreadable input returns a failed <see cref="SayAsResult"/> with the reason; it never throws.
/// </summary>
public static class MandarinSayAs
{
    private const int MaxDigitsLength = 40;

    /// <summary>Every prompt id <see cref="Render"/> can produce; the catalog must hold them all.</summary>
    public static IReadOnlyCollection<string> FragmentPromptIds => SayAsPromptIds.All;

    public static SayAsResult Render(string value, SayAsKind kind)
    {
        if (string.IsNullOrWhiteSpace(value)) return SayAsResult.Fail($"nothing to read as {kind}: the value is empty");
        var text = value.Trim();
        return kind switch
        {
            SayAsKind.Number => Number(text),
            SayAsKind.Amount => Amount(text),
            SayAsKind.Digits => Digits(text),
            SayAsKind.Date => Date(text),
            SayAsKind.Month => Month(text),
            SayAsKind.Time => Time(text),
            _ => SayAsResult.Fail($"unknown say-as kind {kind}"),
        };
    }

    private static SayAsResult Number(string text)
    {
        if (!TrySplitDecimal(text, maxFraction: 10, out var negative, out var integer, out var fraction, out var error))
            return SayAsResult.Fail($"'{text}' is not a number ({error}); expected e.g. 12, -3 or 3.05");
        var output = new List<string>();
        if (negative && (integer != 0 || fraction.Any(c => c != '0'))) output.Add(SayAsPromptIds.Minus);
        MandarinNumber.AppendInteger(output, integer);
        if (fraction.Length > 0)
        {
            output.Add(SayAsPromptIds.Point);
            output.AddRange(fraction.Select(c => MandarinNumber.Digit(c - '0')));
        }

        return SayAsResult.Ok(output);
    }

    private static SayAsResult Amount(string text)
    {
        if (!TrySplitDecimal(text, maxFraction: 2, out var negative, out var yuan, out var fraction, out var error))
            return SayAsResult.Fail($"'{text}' is not an amount ({error}); expected yuan with at most two decimals, e.g. 3256.50");
        var jiao = fraction.Length > 0 ? fraction[0] - '0' : 0;
        var fen = fraction.Length > 1 ? fraction[1] - '0' : 0;
        var output = new List<string>();
        if (yuan == 0 && jiao == 0 && fen == 0) return SayAsResult.Ok([SayAsPromptIds.Digit[0], SayAsPromptIds.Yuan]);
        if (negative) output.Add(SayAsPromptIds.Minus);
        if (yuan > 0)
        {
            MandarinNumber.AppendInteger(output, yuan);
            output.Add(SayAsPromptIds.Yuan);
            if (jiao == 0 && fen == 0) output.Add(SayAsPromptIds.Zheng);
        }

        if (jiao > 0) output.AddRange([MandarinNumber.Digit(jiao), SayAsPromptIds.Jiao]);
        else if (yuan > 0 && fen > 0) output.Add(SayAsPromptIds.Digit[0]);
        if (fen > 0) output.AddRange([MandarinNumber.Digit(fen), SayAsPromptIds.Fen]);
        return SayAsResult.Ok(output);
    }

    private static SayAsResult Digits(string text)
    {
        var output = new List<string>();
        foreach (var c in text)
        {
            if (c is ' ' or '-') continue;
            if (c is 'X' or 'x') output.Add(SayAsPromptIds.LetterX);
            else if (c == '1') output.Add(SayAsPromptIds.OneYao);
            else if (char.IsAsciiDigit(c)) output.Add(SayAsPromptIds.Digit[c - '0']);
            else return SayAsResult.Fail($"'{c}' cannot be read as a digit; digit strings hold 0-9 and X only");
        }

        if (output.Count == 0) return SayAsResult.Fail("no digits to read");
        if (output.Count > MaxDigitsLength) return SayAsResult.Fail($"{output.Count} digits is too long to read; at most {MaxDigitsLength}");
        return SayAsResult.Ok(output);
    }

    private static SayAsResult Date(string text)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return SayAsResult.Fail($"'{text}' is not a date; expected yyyy-MM-dd, e.g. 2026-11-22");
        var output = YearMonth(date.Year, date.Month);
        MandarinNumber.AppendInteger(output, date.Day);
        output.Add(SayAsPromptIds.Day);
        return SayAsResult.Ok(output);
    }

    private static SayAsResult Month(string text)
    {
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return SayAsResult.Fail($"'{text}' is not a month; expected yyyy-MM, e.g. 2026-11");
        return SayAsResult.Ok(YearMonth(date.Year, date.Month));
    }

    private static List<string> YearMonth(int year, int month)
    {
        var output = year.ToString("D4", CultureInfo.InvariantCulture).Select(c => MandarinNumber.Digit(c - '0')).ToList();
        output.Add(SayAsPromptIds.Year);
        MandarinNumber.AppendInteger(output, month);
        output.Add(SayAsPromptIds.MonthUnit);
        return output;
    }

    private static SayAsResult Time(string text)
    {
        if (!TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return SayAsResult.Fail($"'{text}' is not a time; expected HH:mm on the 24-hour clock, e.g. 14:05");
        var output = new List<string>();
        if (time.Hour == 2) output.Add(SayAsPromptIds.TwoLiang);
        else MandarinNumber.AppendInteger(output, time.Hour);
        output.Add(SayAsPromptIds.Point);
        if (time.Minute == 0)
        {
            output.Add(SayAsPromptIds.Zheng);
            return SayAsResult.Ok(output);
        }

        if (time.Minute < 10) output.Add(SayAsPromptIds.Digit[0]);
        MandarinNumber.AppendInteger(output, time.Minute);
        output.Add(SayAsPromptIds.Fen);
        return SayAsResult.Ok(output);
    }

    private static bool TrySplitDecimal(string text, int maxFraction, out bool negative, out long integer, out string fraction, out string error)
    {
        negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var dot = body.IndexOf('.');
        var whole = dot < 0 ? body : body[..dot];
        fraction = dot < 0 ? "" : body[(dot + 1)..];
        integer = 0;
        error = "";
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit)) error = "digits expected before the decimal point";
        else if (dot >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))) error = "digits expected after the decimal point";
        else if (fraction.Length > maxFraction) error = $"at most {maxFraction} decimals";
        else if (whole.TrimStart('0').Length > 12) error = $"larger than {MandarinNumber.Max}";
        else integer = long.Parse(whole, CultureInfo.InvariantCulture);
        return error.Length == 0;
    }
}
