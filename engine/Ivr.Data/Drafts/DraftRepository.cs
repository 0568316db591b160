using System.Data;
using Dapper;

namespace Ivr.Data.Drafts;

/// <summary>
/// The SQL of <c>drafts</c> and <c>draft_files</c> (M015). A file is saved only when the caller's revision is the
/// stored one (0: the draft has not changed that file yet), so a second editor saving over a first gets nothing
/// written and is told the revision that won.
/// </summary>
public sealed class DraftRepository(IDbConnection connection, IDbTransaction? transaction = null)
{
    private const string Columns = """
        id, title, base_version, author, created_at, updated_at, state, submit_reason, check_report, reviewer, review_comment,
        reviewed_at, published_version
        """;

    public Task<long> CreateAsync(string title, string baseVersion, string author, DateTimeOffset at, CancellationToken cancellation)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO drafts (title, base_version, author, created_at, updated_at, state)
            VALUES (@title, @baseVersion, @author, @at, @at, '{DraftStates.Open}') RETURNING id;
            """, new { title, baseVersion, author, at = DbTime.ToText(at) }, transaction, cancellationToken: cancellation));

    public async Task<Draft?> FindAsync(long id, CancellationToken cancellation)
        => (await connection.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM drafts WHERE id = @id;", new { id }, transaction,
            cancellationToken: cancellation))).Select(r => r.ToDraft()).FirstOrDefault();

    /// <summary>Every draft, newest first.</summary>
    public async Task<IReadOnlyList<Draft>> ListAsync(CancellationToken cancellation)
        => (await connection.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM drafts ORDER BY id DESC;", null, transaction,
            cancellationToken: cancellation))).Select(r => r.ToDraft()).ToList();

    public async Task<IReadOnlyList<DraftFile>> FilesAsync(long draftId, CancellationToken cancellation)
        => (await connection.QueryAsync<(string Path, string Content, long Revision, string UpdatedBy, string UpdatedAt)>(new CommandDefinition(
                "SELECT path, content, revision, updated_by, updated_at FROM draft_files WHERE draft_id = @draftId ORDER BY path;",
                new { draftId }, transaction, cancellationToken: cancellation)))
            .Select(r => new DraftFile(r.Path, r.Content, r.Revision, r.UpdatedBy, DbTime.FromText(r.UpdatedAt))).ToList();

    /// <returns>The file's new revision, or null when <paramref name="expectedRevision"/> is not the stored one (nothing written).</returns>
    public async Task<long?> SaveFileAsync(long draftId, string path, string content, long expectedRevision, string user, DateTimeOffset at,
        CancellationToken cancellation)
    {
        var values = new { draftId, path, content, expected = expectedRevision, next = expectedRevision + 1, user, at = DbTime.ToText(at) };
        var written = expectedRevision == 0
            ? await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO draft_files (draft_id, path, content, revision, updated_by, updated_at) VALUES (@draftId, @path, @content, 1, @user, @at)
                ON CONFLICT (draft_id, path) DO NOTHING;
                """, values, transaction, cancellationToken: cancellation))
            : await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE draft_files SET content = @content, revision = @next, updated_by = @user, updated_at = @at
                WHERE draft_id = @draftId AND path = @path AND revision = @expected;
                """, values, transaction, cancellationToken: cancellation));
        if (written == 0) return null;
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE drafts SET updated_at = @at, state = '{DraftStates.Open}', check_report = NULL WHERE id = @draftId;",
            values, transaction, cancellationToken: cancellation));
        return expectedRevision + 1;
    }

    /// <summary>Moves a draft from one state to another; false when it was not in <paramref name="from"/> (someone else moved it first).</summary>
    public async Task<bool> MoveAsync(long id, string from, string to, DateTimeOffset at, DraftReview review, CancellationToken cancellation)
        => await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE drafts SET state = @to, updated_at = @at,
                submit_reason = COALESCE(@submitReason, submit_reason), check_report = COALESCE(@checkReport, check_report),
                reviewer = COALESCE(@reviewer, reviewer), review_comment = COALESCE(@reviewComment, review_comment),
                reviewed_at = COALESCE(@reviewedAt, reviewed_at), published_version = COALESCE(@publishedVersion, published_version)
            WHERE id = @id AND state = @from;
            """, Parameters(id, from, to, at, review), transaction, cancellationToken: cancellation)) == 1;

    /// <summary>
    /// Hands back a draft that <paramref name="claimedBy"/> claimed for publishing (moved to published, no version yet) when
    /// the publish failed: state, reviewer, review comment, review time and update time become those of
    /// <paramref name="before"/>, the draft as read before the claim. False when the draft is no longer that claim.
    /// </summary>
    public async Task<bool> ReleaseClaimAsync(Draft before, string claimedBy, CancellationToken cancellation)
        => await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE drafts SET state = @state, updated_at = @updatedAt, reviewer = @reviewer, review_comment = @reviewComment, reviewed_at = @reviewedAt
            WHERE id = @id AND state = '{DraftStates.Published}' AND published_version IS NULL AND reviewer = @claimedBy;
            """, ReleaseParameters(before, claimedBy), transaction, cancellationToken: cancellation)) == 1;

    private static DynamicParameters ReleaseParameters(Draft before, string claimedBy)
    {
        var parameters = new DynamicParameters();
        parameters.Add("id", before.Id);
        parameters.Add("state", before.State);
        parameters.Add("updatedAt", DbTime.ToText(before.UpdatedAt));
        parameters.Add("reviewer", before.Reviewer, DbType.String);
        parameters.Add("reviewComment", before.ReviewComment, DbType.String);
        parameters.Add("reviewedAt", before.ReviewedAt is { } reviewed ? DbTime.ToText(reviewed) : null, DbType.String);
        parameters.Add("claimedBy", claimedBy);
        return parameters;
    }

    private static DynamicParameters Parameters(long id, string from, string to, DateTimeOffset at, DraftReview review)
    {
        var parameters = new DynamicParameters();
        parameters.Add("id", id);
        parameters.Add("from", from);
        parameters.Add("to", to);
        parameters.Add("at", DbTime.ToText(at));
        parameters.Add("submitReason", review.SubmitReason, DbType.String);
        parameters.Add("checkReport", review.CheckReport, DbType.String);
        parameters.Add("reviewer", review.Reviewer, DbType.String);
        parameters.Add("reviewComment", review.ReviewComment, DbType.String);
        parameters.Add("reviewedAt", review.Reviewer is null ? null : DbTime.ToText(at), DbType.String);
        parameters.Add("publishedVersion", review.PublishedVersion, DbType.String);
        return parameters;
    }

    private sealed record Row(
        long Id, string Title, string Base_Version, string Author, string Created_At, string Updated_At, string State, string? Submit_Reason,
        string? Check_Report, string? Reviewer, string? Review_Comment, string? Reviewed_At, string? Published_Version)
    {
        public Draft ToDraft() => new(Id, Title, Base_Version, Author, DbTime.FromText(Created_At), DbTime.FromText(Updated_At), State, Submit_Reason,
            Check_Report, Reviewer, Review_Comment, DbTime.FromNullableText(Reviewed_At), Published_Version);
    }
}
