using System.Data.Common;
using Ivr.Core.Calendar;
using Ivr.Data.Messages;

namespace Ivr.Data.Spool;

/// <summary>A voice message (a caller's callback ticket); <paramref name="DueBeyondCalendar"/>: its due date was counted past the calendar
/// (false in files spooled before it existed).</summary>
public sealed record SpooledVoiceMessage(string CallId, string Recording, string CallbackNumber, string Reason, DateTimeOffset CreatedAt, DateOnly DueDate,
    bool DueBeyondCalendar = false)
    : SpooledRequest(CallId, CreatedAt)
{
    public override Task WriteAsync(DbConnection connection, CancellationToken cancellation)
        => new VoiceMessageRepository(connection).InsertAsync(CallId, Recording, CallbackNumber, Reason, CreatedAt,
            new WorkingDayDate(DueDate, DueBeyondCalendar), cancellation);

    public override Task<bool> IsWrittenAsync(DbConnection connection, CancellationToken cancellation)
        => new VoiceMessageRepository(connection).ExistsAsync(CallId, CreatedAt, cancellation);

    public override string Describe() => "voice message";
}
