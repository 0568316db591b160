using System.Data.Common;
using Ivr.Data.FollowUps;

namespace Ivr.Data.Spool;

/// <summary>A follow-up an agent must work on (<c>followup.create</c>).</summary>
public sealed record SpooledFollowUp(string CallId, string Reason, DateTimeOffset CreatedAt, DateOnly DueDate) : SpooledRequest(CallId, CreatedAt)
{
    public override Task WriteAsync(DbConnection connection, CancellationToken cancellation)
        => new FollowUpRepository(connection).InsertAsync(CallId, Reason, CreatedAt, DueDate, cancellation);

    public override Task<bool> IsWrittenAsync(DbConnection connection, CancellationToken cancellation)
        => new FollowUpRepository(connection).ExistsAsync(CallId, Reason, CreatedAt, cancellation);

    public override string Describe() => "follow-up";
}
