namespace Ivr.Data.Migrations;

/// <summary>
/// Due dates beyond the calendar (issue 15, item 7): a voice message's or follow-up's due date ("5 working days") counted
/// into a year flows/calendar.yaml lists no holiday for skips weekends only; <c>due_beyond_calendar = 1</c> marks it so the
/// console can say the date is an estimate. Rows stored before this step are 0. Version 18: 17 belongs to other work and
/// may land before or after.
/// </summary>
internal static class M018DueBeyondCalendar
{
    public static readonly Migration Migration = new(18, "due dates beyond the calendar", """
        ALTER TABLE voice_messages ADD COLUMN due_beyond_calendar INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE follow_ups ADD COLUMN due_beyond_calendar INTEGER NOT NULL DEFAULT 0;
        """);
}
