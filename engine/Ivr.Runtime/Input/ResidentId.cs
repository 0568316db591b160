namespace Ivr.Runtime.Input;

/// <summary>
/// The 18-character resident identity number of GB 11643-1999: 6-digit region, 8-digit birth date
/// (YYYYMMDD), 3-digit sequence and an ISO 7064 MOD 11-2 check character (0-9 or X).
/// </summary>
public static class ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>Why <paramref name="id"/> is not a plausible resident ID, or null when it is.</summary>
    /// <param name="today">Birth dates after it, or more than 120 years before it, are implausible.</param>
    public static string? Problem(ReadOnlySpan<char> id, DateOnly today)
    {
        if (id.Length != 18) return "must be 18 characters";
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(id[i])) return "the first 17 characters must be digits";
        var last = char.ToUpperInvariant(id[17]);
        if (!char.IsAsciiDigit(last) && last != 'X') return "the last character must be a digit or X";
        if (!TryBirthDate(id, out var birth)) return "the birth date is not a calendar date";
        if (birth > today || birth < today.AddYears(-120)) return "the birth date is not plausible";
        return CheckCharacter(id) == last ? null : "the check character does not match";
    }

    public static bool TryBirthDate(ReadOnlySpan<char> id, out DateOnly birth)
    {
        birth = default;
        return id.Length >= 14
            && int.TryParse(id.Slice(6, 4), out var y)
            && int.TryParse(id.Slice(10, 2), out var m)
            && int.TryParse(id.Slice(12, 2), out var d)
            && m is >= 1 and <= 12 && y >= 1 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            && (birth = new DateOnly(y, m, d)) != default;
    }
}
