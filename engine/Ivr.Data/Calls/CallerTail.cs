namespace Ivr.Data.Calls;

/// <summary>The last four characters of a caller's number (<c>calls.caller_tail</c>, indexed): a search by the
/// ending of a number (at least four digits) reads only the calls that share it.</summary>
public static class CallerTail
{
    public const int Length = 4;

    public static string Of(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.Length <= Length ? number : number[^Length..];
    }
}
