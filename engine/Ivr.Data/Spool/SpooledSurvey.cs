using System.Data.Common;
using Ivr.Data.FollowUps;
using Ivr.Data.Surveys;

namespace Ivr.Data.Spool;

/// <summary>A survey answer (<c>survey.save</c>); a dissatisfied one brings its follow-up, due <paramref name="FollowUpDue"/>, written with it.</summary>
public sealed record SpooledSurvey(string CallId, int Score, DateTimeOffset CreatedAt, DateOnly FollowUpDue) : SpooledRequest(CallId, CreatedAt)
{
    public const string DissatisfiedReason = "dissatisfied";

    public override async Task WriteAsync(DbConnection connection, CancellationToken cancellation)
    {
        using var transaction = connection.BeginWrite();
        await new SurveyRepository(connection, transaction).InsertAsync(CallId, Score, CreatedAt, cancellation).ConfigureAwait(false);
        if (Score == SurveyResponse.Dissatisfied)
            await new FollowUpRepository(connection, transaction).InsertAsync(CallId, DissatisfiedReason, CreatedAt, FollowUpDue, cancellation).ConfigureAwait(false);
        transaction.Commit();
    }

    public override Task<bool> IsWrittenAsync(DbConnection connection, CancellationToken cancellation)
        => new SurveyRepository(connection).ExistsAsync(CallId, CreatedAt, cancellation);

    public override string Describe() => "survey answer";
}
