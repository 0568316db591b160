namespace Ivr.Data.Migrations;

/// <summary>
/// Outcome classes of missed-call callbacks (issue 16): <c>callback_marks.outcome</c> becomes one of
/// <see cref="Callers.CallbackOutcomes"/> and the agent's words move to the new <c>note</c>. Marks written before keep their
/// text as the note and become <c>other</c>, which — as every mark did then — takes the number off the 回拨 list.
/// Version 19: 17 and 18 belong to other work.
/// </summary>
internal static class M019CallbackOutcomes
{
    public static readonly Migration Migration = new(19, "callback outcome classes", """
        ALTER TABLE callback_marks ADD COLUMN note TEXT;
        UPDATE callback_marks SET note = outcome, outcome = 'other'
        WHERE outcome NOT IN ('resolved', 'no_answer', 'invalid_number', 'rescheduled', 'other');
        """);
}
