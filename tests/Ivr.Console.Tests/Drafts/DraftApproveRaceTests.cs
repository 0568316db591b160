using System.Net;
using Ivr.OperationsConsole.Drafts;
using Ivr.OperationsConsole.Tests.Support;
using static Ivr.OperationsConsole.Tests.Drafts.DraftFileTests;

namespace Ivr.OperationsConsole.Tests.Drafts;

/// <summary>
/// Two reviewers approve the same draft at once: the first publish is held back until the second request has its answer
/// (or 5 s have passed), so both would publish unless the draft is claimed before publishing — only one may.
/// </summary>
public sealed class DraftApproveRaceTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _publishes;
    private WorkbenchSite _site = null!;

    public async Task InitializeAsync() => _site = await WorkbenchSite.StartAsync(around: inner => new HeldWorkbench(inner, this));

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task TwoReviewersApproveAtOnce_OnlyOnePublishes()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        using var supervisor = await _site.Server.SignedInAsync("supervisor");
        using var admin = await _site.Server.SignedInAsync("admin");
        var id = await OpenAsync(editor);
        var routes = (await editor.GetJsonAsync($"api/drafts/{id}/files/flows/routes.yaml")).GetProperty("content").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(editor, id, "flows/routes.yaml", routes + "# approved once\n", 0)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"api/drafts/{id}/submit", new { })).StatusCode);

        var first = supervisor.PostAsync($"api/drafts/{id}/approve", new { comment = "ok" });
        var second = admin.PostAsync($"api/drafts/{id}/approve", new { comment = "ok" });
        await Task.WhenAny(Task.WhenAny(first, second), Task.Delay(TimeSpan.FromSeconds(5)));
        _release.TrySetResult();
        var answers = await Task.WhenAll(first, second);

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(1, _publishes);
        Assert.Single(await _site.Server.AccessLogAsync(), e => e is { Action: "draft_approve", Outcome: "published" } && e.Target == $"draft:{id}");
        var draft = (await editor.GetJsonAsync($"api/drafts/{id}")).GetProperty("draft");
        Assert.Equal("published", draft.GetProperty("state").GetString());
        Assert.Equal(_site.Host.Current!.Version, draft.GetProperty("publishedVersion").GetString());
    }

    /// <summary>Counts publishes and holds each back until the test releases them.</summary>
    private sealed class HeldWorkbench(IFlowWorkbench inner, DraftApproveRaceTests test) : IFlowWorkbench
    {
        public string ReplayDirectory => inner.ReplayDirectory;

        public Task<ReplayReport> ReplayAsync(Ivr.Flows.Model.FlowSet set, string replayDirectory, CancellationToken cancellation)
            => inner.ReplayAsync(set, replayDirectory, cancellation);

        public async Task<string?> PublishAsync(IReadOnlyList<DraftFileChange> files, string publishedBy, CancellationToken cancellation)
        {
            Interlocked.Increment(ref test._publishes);
            await test._release.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellation);
            return await inner.PublishAsync(files, publishedBy, cancellation);
        }
    }
}
