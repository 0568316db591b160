namespace Ivr.Data.Security;

/// <summary>
/// Refuses PINs that are easy to guess: not six digits; six equal digits; an ascending or
/// descending run (012345 … 456789, 987654 … 543210; runs do not wrap past 9/0); the holder's
/// birth date as found in the resident ID (YYMMDD, MMDDYY, DDMMYY and every six-digit window of
/// YYYYMMDD, e.g. 196503); the last six digits of the ID; the old PIN.
/// </summary>
public static class WeakPinPolicy
{
    public const int Length = 6;

    public static PinWeakness Check(string newPin, string residentId, string? oldPin = null)
    {
        ArgumentNullException.ThrowIfNull(newPin);
        ArgumentNullException.ThrowIfNull(residentId);
        if (!IsSixDigits(newPin)) return PinWeakness.NotSixDigits;
        if (newPin.All(c => c == newPin[0])) return PinWeakness.AllSame;
        if (IsRun(newPin, +1) || IsRun(newPin, -1)) return PinWeakness.Sequence;
        if (BirthDateForms(residentId).Contains(newPin)) return PinWeakness.BirthDate;
        if (residentId.Length >= Length && residentId[^Length..] == newPin) return PinWeakness.IdDigits;
        if (oldPin is not null && oldPin == newPin) return PinWeakness.SameAsOld;
        return PinWeakness.None;
    }

    public static bool IsSixDigits(string? pin) => pin is { Length: Length } && pin.All(char.IsAsciiDigit);

    private static bool IsRun(string pin, int step)
    {
        for (var i = 1; i < pin.Length; i++)
            if (pin[i] - pin[i - 1] != step) return false;
        return true;
    }

    /// <summary>The six-digit forms of the birth date in an 18-character ID (positions 7–14, YYYYMMDD).</summary>
    private static HashSet<string> BirthDateForms(string residentId)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        if (residentId.Length != 18) return forms;
        var date = residentId.Substring(6, 8);
        if (!date.All(char.IsAsciiDigit)) return forms;
        string yy = date[2..4], mm = date[4..6], dd = date[6..8];
        forms.Add(yy + mm + dd);
        forms.Add(mm + dd + yy);
        forms.Add(dd + mm + yy);
        for (var i = 0; i + Length <= date.Length; i++) forms.Add(date.Substring(i, Length));
        return forms;
    }
}
