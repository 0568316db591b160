using System.Data.Common;
using Ivr.Core.Calendar;
using Ivr.Data.FollowUps;
using Ivr.Data.Surveys;

namespace Ivr.Data.Spool;

/// <summary>A survey answer (<c>survey.save</c>); a dissatisfied one brings its follow-up, due <paramref name="FollowUpDue"/>
/// (counted past the calendar when <paramref name="FollowUpDueBeyondCalendar"/>), written with it.</summary>
public sealed record SpooledSurvey(string CallId, int Score, DateTimeOffset CreatedAt, DateOnly FollowUpDue, bool FollowUpDueBeyondCalendar = false)
    : SpooledRequest(CallId, CreatedAt)
{
    public const string DissatisfiedReason = "dissatisfied";

    public override async Task WriteAsync(DbConnection connection, CancellationToken cancellation)
    {
        using var transaction = connection.BeginWrite();
        await new SurveyRepository(connection, transaction).InsertAsync(CallId, Score, CreatedAt, cancellation).ConfigureAwait(false);
        if (Score == SurveyResponse.Dissatisfied)
            await new FollowUpRepository(connection, transaction).InsertAsync(CallId, DissatisfiedReason, CreatedAt,
                new WorkingDayDate(FollowUpDue, FollowUpDueBeyondCalendar), cancellation).ConfigureAwait(false);
        transaction.Commit();
    }

    public override Task<bool> IsWrittenAsync(DbConnection connection, CancellationToken cancellation)
        => new SurveyRepository(connection).ExistsAsync(CallId, CreatedAt, cancellation);

    public override string Describe() => "survey answer";
}
