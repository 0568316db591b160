using System.Globalization;

namespace Ivr.Data.Seeding;

/// <summary>
/// Builds resident ID numbers per GB 11643-1999: 6-digit region code, 8-digit birth date, 3-digit
/// sequence (odd for men, even for women), and the ISO 7064 MOD 11-2 check character (0–9 or X).
/// For synthetic data only; validating callers' input belongs to the flows engine.
/// </summary>
internal static class ResidentIdGenerator
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static string Create(string region, DateOnly birthDate, int sequence)
    {
        if (region.Length != 6) throw new ArgumentException("Region codes have 6 digits.", nameof(region));
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var body = string.Concat(region, birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture), sequence.ToString("D3", CultureInfo.InvariantCulture));
        return body + CheckCharacter(body);
    }

    /// <summary>The MOD 11-2 check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("The check character covers 17 digits.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(first17[i])) throw new ArgumentException("Resident ID bodies are digits.", nameof(first17));
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>True for a male holder (odd 17th digit).</summary>
    public static bool IsMale(string id) => (id[16] - '0') % 2 == 1;
}
