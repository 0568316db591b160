namespace Ivr.Data.Operations;

/// <summary>
/// A voice message or follow-up with who works it. <see cref="CallbackNumber"/> (messages only) is in
/// clear as stored, for the agent's dialler: anything shown or logged masks it. <see cref="Status"/> is
/// the stored text (<c>new</c>, <c>assigned</c>, <c>called_back</c> / <c>done</c>). <see cref="Incomplete"/>: a message
/// whose recording a crash cut short (M008). <see cref="EmergencyAt"/>: a supervisor marked the message an emergency (M014).
/// <see cref="DueBeyondCalendar"/>: the due date was counted past the last year the holiday calendar lists, weekends only (M018).
/// </summary>
public sealed record WorkItem(
    WorkItemKind Kind,
    long Id,
    string CallId,
    string? Recording,
    string? CallbackNumber,
    string Reason,
    DateTimeOffset CreatedAt,
    DateOnly DueDate,
    string Status,
    string? Outcome,
    string? AssignedTo,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? DoneAt,
    string? DoneBy,
    bool Incomplete = false,
    DateTimeOffset? EmergencyAt = null,
    string? EmergencyBy = null,
    bool DueBeyondCalendar = false)
{
    public bool IsDone => Status is "called_back" or "done";

    public bool IsComplaint => Messages.ComplaintKinds.IsComplaint(Reason);
}
