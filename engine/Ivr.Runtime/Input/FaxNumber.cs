namespace Ivr.Runtime.Input;

/// <summary>
/// A Chinese fax (telephone) number as a caller keys it for 定时传真: 7 to 12 digits, either
/// <list type="bullet">
/// <item>an area code and a local number: 010 and 020-029 take an 8-digit local number
/// (01088889999), every other area code is 4 digits (0xxx) with a 7- or 8-digit local number;</item>
/// <item>a mobile number: 11 digits starting 13-19 (fax to mail services);</item>
/// <item>a local number of the hotline's own area: 7 or 8 digits starting 2-9.</item>
/// </list>
/// Local numbers never start with 0 or 1; 00 (international) is refused.
/// </summary>
public static class FaxNumber
{
    public const int MinLength = 7;
    public const int MaxLength = 12;

    /// <summary>Why <paramref name="number"/> cannot be a fax number, or null when it can.</summary>
    public static string? Problem(ReadOnlySpan<char> number)
    {
        foreach (var c in number)
            if (!char.IsAsciiDigit(c)) return "digits only";
        if (number.Length is < MinLength or > MaxLength) return $"must be {MinLength} to {MaxLength} digits";
        return number[0] switch
        {
            '1' => number.Length == 11 && number[1] is >= '3' and <= '9' ? null : "a mobile number is 11 digits starting 13-19",
            '0' => AreaCodeProblem(number),
            _ => number.Length <= 8 ? null : "a number without an area code has 7 or 8 digits",
        };
    }

    private static string? AreaCodeProblem(ReadOnlySpan<char> number)
    {
        if (number[1] == '0') return "international numbers (00…) are not accepted";
        var shortCode = number[1] is '1' or '2'; // 010 and 020-029: the large cities
        if (shortCode && number[1] == '1' && number[2] != '0') return "there is no area code 01x other than 010";
        var local = number[(shortCode ? 3 : 4)..];
        if (local.Length == 0 || local[0] is '0' or '1') return "the local number after the area code starts with 2-9";
        if (shortCode ? local.Length != 8 : local.Length is < 7 or > 8)
            return shortCode ? "after a 3-digit area code the local number has 8 digits" : "after a 4-digit area code the local number has 7 or 8 digits";
        return null;
    }
}
