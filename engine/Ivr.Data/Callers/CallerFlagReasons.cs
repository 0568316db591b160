namespace Ivr.Data.Callers;

/// <summary>Why a number is flagged: the class flows see as <c>caller.flag_reason</c>.</summary>
public static class CallerFlagReasons
{
    /// <summary>骚扰 (repeated nuisance calls), 辱骂 (abuse of agents), 冒用 (posing as someone else), 其他.</summary>
    public static readonly IReadOnlyList<string> Classes = ["harassment", "abuse", "impersonation", "other"];

    public static bool IsValid(string? reasonClass) => reasonClass is not null && Classes.Contains(reasonClass);
}
