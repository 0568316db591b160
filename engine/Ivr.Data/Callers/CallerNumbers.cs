using System.Text.RegularExpressions;

namespace Ivr.Data.Callers;

/// <summary>Numbers a caller can call from, as the voice-message flow accepts them: a mobile (11 digits from 1), a
/// number with its area code (0 and 9–11 digits) or a local number (7–8 digits from 2–9).</summary>
public static partial class CallerNumbers
{
    public static bool IsValid(string? number) => number is not null && Shape().IsMatch(number);

    [GeneratedRegex("^(1[0-9]{10}|0[0-9]{9,11}|[2-9][0-9]{6,7})$")]
    private static partial Regex Shape();
}
