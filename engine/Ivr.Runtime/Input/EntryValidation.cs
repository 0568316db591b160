using System.Text.RegularExpressions;

namespace Ivr.Runtime.Input;

/// <summary>Runs a collect node's validators over what the caller typed.</summary>
public static class EntryValidation
{
    /// <summary>Null when every validator accepts <paramref name="entry"/>; else the first one's reason.</summary>
    public static string? Problem(string entry, IReadOnlyList<DigitValidator> validators, DateOnly today)
    {
        foreach (var validator in validators)
        {
            var problem = validator.Name switch
            {
                "cn-resident-id" => ResidentId.Problem(entry, today),
                "luhn" => Luhn.IsValid(entry) ? null : "the Luhn check digit does not match",
                "cn-fax-number" => FaxNumber.Problem(entry),
                "clock-time" => ClockTime.Problem(entry),
                "length" => LengthProblem(entry, validator.Argument),
                "regex" => RegexProblem(entry, validator.Argument ?? ""),
                _ => $"unknown validator '{validator.Name}'",
            };
            if (problem is not null) return $"{validator.Name}: {problem}";
        }

        return null;
    }

    private static string? RegexProblem(string entry, string pattern)
    {
        try
        {
            return Regex.IsMatch(entry, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)) ? null : "does not match the pattern";
        }
        catch (RegexMatchTimeoutException)
        {
            return "the pattern took too long to check (simplify it)";
        }
    }

    /// <summary><c>length:12|10</c> accepts any of the listed lengths.</summary>
    private static string? LengthProblem(string entry, string? allowed)
    {
        foreach (var part in (allowed ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (int.TryParse(part, out var n) && entry.Length == n) return null;
        return $"length must be one of {allowed}";
    }
}
