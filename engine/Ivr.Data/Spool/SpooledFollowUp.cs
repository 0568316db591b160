using System.Data.Common;
using Ivr.Core.Calendar;
using Ivr.Data.FollowUps;

namespace Ivr.Data.Spool;

/// <summary>A follow-up an agent must work on (<c>followup.create</c>); <paramref name="DueBeyondCalendar"/> as on <see cref="SpooledVoiceMessage"/>.</summary>
public sealed record SpooledFollowUp(string CallId, string Reason, DateTimeOffset CreatedAt, DateOnly DueDate, bool DueBeyondCalendar = false)
    : SpooledRequest(CallId, CreatedAt)
{
    public override Task WriteAsync(DbConnection connection, CancellationToken cancellation)
        => new FollowUpRepository(connection).InsertAsync(CallId, Reason, CreatedAt, new WorkingDayDate(DueDate, DueBeyondCalendar), cancellation);

    public override Task<bool> IsWrittenAsync(DbConnection connection, CancellationToken cancellation)
        => new FollowUpRepository(connection).ExistsAsync(CallId, Reason, CreatedAt, cancellation);

    public override string Describe() => "follow-up";
}
