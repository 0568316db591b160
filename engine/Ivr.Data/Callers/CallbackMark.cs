namespace Ivr.Data.Callers;

/// <summary>One "called back" mark of a caller number (<c>callback_marks</c>): the outcome class
/// (<see cref="CallbackOutcomes"/>), the agent's optional note, who and when.</summary>
public sealed record CallbackMark(string Outcome, string? Note, string MarkedBy, DateTimeOffset MarkedAt)
{
    public bool KeepsOnList => CallbackOutcomes.KeepsOnList(Outcome);
}
