namespace Ivr.Runtime.Tests.Support;

/// <summary>
/// Builds resident ID numbers for tests with its own ISO 7064 MOD 11-2 arithmetic (GB 11643-1999),
/// written apart from the runtime's so a wrong table there shows up here.
/// </summary>
internal static class ResidentIds
{
    /// <summary>Appends the check character: (12 − Σ digitᵢ·2^(17−i) mod 11) mod 11, with 10 written X.</summary>
    public static string WithCheck(string first17)
    {
        if (first17.Length != 17) throw new ArgumentException("17 digits expected", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * (int)(Math.Pow(2, 17 - i) % 11);
        var check = (12 - sum % 11) % 11;
        return first17 + (check == 10 ? "X" : check.ToString());
    }

    /// <summary>A valid ID born on <paramref name="birth"/> (yyyyMMdd) in Beijing Dongcheng, ending in <paramref name="check"/> if given.</summary>
    public static string Valid(string birth = "19491231", char? check = null)
    {
        for (var sequence = 0; sequence < 1000; sequence++)
        {
            var id = WithCheck($"110101{birth}{sequence:D3}");
            if (check is null || id[17] == check) return id;
        }

        throw new InvalidOperationException($"no sequence number gives check character {check}");
    }

    /// <summary>The same ID with another (wrong) check character.</summary>
    public static string WrongCheck(string id) => id[..17] + (id[17] == '1' ? '2' : '1');
}
