namespace Ivr.Runtime.Input;

/// <summary>The Luhn (ISO/IEC 7812-1 Annex B) mod-10 check used by card numbers.</summary>
public static class Luhn
{
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length < 2) return false;
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(digits[i])) return false;
            var d = digits[i] - '0';
            if (doubled && (d *= 2) > 9) d -= 9;
            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }
}
