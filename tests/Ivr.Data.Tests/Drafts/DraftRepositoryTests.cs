using Ivr.Data.Drafts;

namespace Ivr.Data.Tests.Drafts;

public abstract class DraftRepositoryTests(TestDatabase file) : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8));

    [SkippableFact]
    public async Task Create_SaveFiles_RevisionsGrow_AndAStaleRevisionWritesNothing()
    {
        await using var connection = await file.Open().OpenConnectionAsync(default);
        var drafts = new DraftRepository(connection);
        var id = await drafts.CreateAsync("2027年节假日", "v1", "editor", At, default);

        var first = await drafts.SaveFileAsync(id, "flows/calendar.yaml", "a: 1\n", 0, "editor", At.AddMinutes(1), default);
        var second = await drafts.SaveFileAsync(id, "flows/calendar.yaml", "a: 2\n", 1, "editor", At.AddMinutes(2), default);
        var stale = await drafts.SaveFileAsync(id, "flows/calendar.yaml", "a: 3\n", 1, "editor2", At.AddMinutes(3), default);
        var staleNew = await drafts.SaveFileAsync(id, "flows/calendar.yaml", "a: 4\n", 0, "editor2", At.AddMinutes(3), default);

        Assert.Equal([1L, 2L], [first!.Value, second!.Value]);
        Assert.Null(stale);
        Assert.Null(staleNew);
        var saved = Assert.Single(await drafts.FilesAsync(id, default));
        Assert.Equal(new DraftFile("flows/calendar.yaml", "a: 2\n", 2, "editor", At.AddMinutes(2)), saved with { UpdatedAt = saved.UpdatedAt.ToOffset(At.Offset) });
        var draft = (await drafts.FindAsync(id, default))!;
        Assert.Equal(("2027年节假日", "v1", "editor", DraftStates.Open), (draft.Title, draft.BaseVersion, draft.Author, draft.State));
    }

    [SkippableFact]
    public async Task Move_FollowsTheStates_AndASecondMoveFromTheSameStateFails()
    {
        await using var connection = await file.Open().OpenConnectionAsync(default);
        var drafts = new DraftRepository(connection);
        var id = await drafts.CreateAsync("t", "v1", "editor", At, default);

        Assert.True(await drafts.MoveAsync(id, DraftStates.Open, DraftStates.Submitted, At, new DraftReview(SubmitReason: "why", CheckReport: "{}"), default));
        Assert.False(await drafts.MoveAsync(id, DraftStates.Open, DraftStates.Submitted, At, new DraftReview(), default));
        Assert.True(await drafts.MoveAsync(id, DraftStates.Submitted, DraftStates.Published, At.AddHours(1),
            new DraftReview(Reviewer: "supervisor", ReviewComment: "ok", PublishedVersion: "v2"), default));

        var draft = (await drafts.FindAsync(id, default))!;
        Assert.Equal((DraftStates.Published, "why", "{}", "supervisor", "ok", "v2"),
            (draft.State, draft.SubmitReason, draft.CheckReport, draft.Reviewer, draft.ReviewComment, draft.PublishedVersion));
        Assert.Equal(At.AddHours(1), draft.ReviewedAt);
        Assert.Equal([id], (await drafts.ListAsync(default)).Select(d => d.Id));
    }

    [SkippableFact]
    public async Task ReleaseClaim_PutsTheDraftBackExactlyAsBeforeTheClaim_OnlyWhileItIsThatClaim()
    {
        await using var connection = await file.Open().OpenConnectionAsync(default);
        var drafts = new DraftRepository(connection);
        var id = await drafts.CreateAsync("t", "v1", "editor", At, default);
        // Sent back once by another reviewer, so the draft has a reviewer, comment and review time of its own to keep.
        Assert.True(await drafts.MoveAsync(id, DraftStates.Open, DraftStates.Submitted, At.AddMinutes(1), new DraftReview(SubmitReason: ""), default));
        Assert.True(await drafts.MoveAsync(id, DraftStates.Submitted, DraftStates.Rejected, At.AddMinutes(2),
            new DraftReview(Reviewer: "supervisor1", ReviewComment: "先改提示音"), default));
        Assert.NotNull(await drafts.SaveFileAsync(id, "flows/main.yaml", "a: 1\n", 0, "editor", At.AddMinutes(3), default));
        Assert.True(await drafts.MoveAsync(id, DraftStates.Open, DraftStates.Submitted, At.AddMinutes(4), new DraftReview(SubmitReason: "改好了"), default));
        var before = (await drafts.FindAsync(id, default))!;

        Assert.True(await drafts.MoveAsync(id, DraftStates.Submitted, DraftStates.Published, At.AddMinutes(5),
            new DraftReview(Reviewer: "supervisor2", ReviewComment: "ok"), default));
        Assert.False(await drafts.ReleaseClaimAsync(before, "supervisor1", default)); // not that reviewer's claim
        Assert.True(await drafts.ReleaseClaimAsync(before, "supervisor2", default));
        Assert.False(await drafts.ReleaseClaimAsync(before, "supervisor2", default)); // released already

        Assert.Equal(before, await drafts.FindAsync(id, default));
        Assert.Equal(("supervisor1", "先改提示音", At.AddMinutes(2)), (before.Reviewer, before.ReviewComment, before.ReviewedAt));
    }

    [SkippableFact]
    public async Task ReleaseClaim_LeavesAPublishedDraft()
    {
        await using var connection = await file.Open().OpenConnectionAsync(default);
        var drafts = new DraftRepository(connection);
        var id = await drafts.CreateAsync("t", "v1", "editor", At, default);
        Assert.True(await drafts.MoveAsync(id, DraftStates.Open, DraftStates.Submitted, At, new DraftReview(SubmitReason: ""), default));
        var before = (await drafts.FindAsync(id, default))!;
        Assert.True(await drafts.MoveAsync(id, DraftStates.Submitted, DraftStates.Published, At.AddMinutes(1),
            new DraftReview(Reviewer: "supervisor", ReviewComment: "ok", PublishedVersion: "v2"), default));

        Assert.False(await drafts.ReleaseClaimAsync(before, "supervisor", default));
        Assert.Equal((DraftStates.Published, "v2"), ((await drafts.FindAsync(id, default))!.State, (await drafts.FindAsync(id, default))!.PublishedVersion));
    }

    public void Dispose() => file.Dispose();
}

public sealed class DraftRepositoryOnSqliteTests() : DraftRepositoryTests(new TempDatabase());

[Collection(PostgresCollection.Name)]
public sealed class DraftRepositoryOnPostgresTests(PostgresServer server) : DraftRepositoryTests(server.NewDatabase());
