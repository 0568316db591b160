using System.Text.RegularExpressions;

namespace Ivr.Data.Accounts;

/// <summary>What a console user name may be: 2–32 of lower-case ASCII letters, digits, <c>_ . -</c>.</summary>
public static partial class UserNames
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9_.-]{2,32}$")]
    private static partial Regex Pattern();
}
