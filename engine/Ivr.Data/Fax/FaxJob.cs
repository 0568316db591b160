using Ivr.Core.Privacy;

namespace Ivr.Data.Fax;

/// <summary>
/// One scheduled fax. <see cref="Number"/> is in clear because the dialer needs it: show
/// <see cref="NumberMasked"/> (the hotline's 010*****999 convention) wherever a person or a log sees it.
/// </summary>
/// <param name="CallId">The call that asked for it (the caller's call record).</param>
/// <param name="DueAt">When the next (or first) try is due.</param>
/// <param name="LastOutcome">The last try's outcome (sent, busy, no_answer, failed, unavailable …).</param>
/// <param name="ResultCode">The last try's T.30 completion code; -1 when no T.30 session ran.</param>
public sealed record FaxJob(
    long Id,
    string CallId,
    string DocumentId,
    string Number,
    DateTimeOffset DueAt,
    FaxJobStatus Status,
    int Attempts,
    int MaxAttempts,
    string? LastOutcome,
    int PagesSent,
    int PagesTotal,
    int? ResultCode,
    string? Detail,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public string NumberMasked => Mask.Phone(Number);
}
