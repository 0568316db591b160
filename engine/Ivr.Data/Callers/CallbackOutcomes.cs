namespace Ivr.Data.Callers;

/// <summary>
/// What an agent who returned a missed call may record (回拨结果). <see cref="NoAnswer"/> and <see cref="Rescheduled"/> keep
/// the number on the 回拨 list, due again the next working day; the others take it off until its next missed call.
/// </summary>
public static class CallbackOutcomes
{
    /// <summary>已解决: the caller was reached and helped.</summary>
    public const string Resolved = "resolved";

    /// <summary>未接通: nobody answered; try again.</summary>
    public const string NoAnswer = "no_answer";

    /// <summary>号码无效: the number cannot be reached at all.</summary>
    public const string InvalidNumber = "invalid_number";

    /// <summary>另约时间: the caller asked to be called at another time.</summary>
    public const string Rescheduled = "rescheduled";

    /// <summary>其他: anything else, said in the note.</summary>
    public const string Other = "other";

    /// <summary>Every outcome, in the order the console offers them.</summary>
    public static readonly IReadOnlyList<string> All = [Resolved, NoAnswer, Rescheduled, InvalidNumber, Other];

    public static bool IsKnown(string? outcome) => outcome is not null && All.Contains(outcome, StringComparer.Ordinal);

    /// <summary>Whether a mark with this outcome leaves the number on the list (another call is due).</summary>
    public static bool KeepsOnList(string outcome) => outcome is NoAnswer or Rescheduled;
}
