using System.Net;
using Ivr.OperationsConsole.Drafts;
using Ivr.OperationsConsole.Tests.Support;
using static Ivr.OperationsConsole.Tests.Drafts.DraftFileTests;

namespace Ivr.OperationsConsole.Tests.Drafts;

/// <summary>
/// Approve claims the draft (submitted → published) before publishing; when the publish fails the draft goes back to
/// submitted exactly as it was — no reviewer, comment or review time of the approval that did not happen, its update time
/// unchanged — and a later approval publishes it.
/// </summary>
public sealed class DraftPublishFailureTests : IAsyncLifetime
{
    private bool _failing = true;
    private WorkbenchSite _site = null!;

    public async Task InitializeAsync() => _site = await WorkbenchSite.StartAsync(around: inner => new FailingWorkbench(inner, this));

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task APublishThatFails_PutsTheDraftBackAsItWas_WithNoReviewerLeft()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        using var supervisor = await _site.Server.SignedInAsync("supervisor");
        var id = await OpenAsync(editor);
        var routes = (await editor.GetJsonAsync($"api/drafts/{id}/files/flows/routes.yaml")).GetProperty("content").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(editor, id, "flows/routes.yaml", routes + "# publish fails once\n", 0)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"api/drafts/{id}/submit", new { })).StatusCode);
        var before = (await editor.GetJsonAsync($"api/drafts/{id}")).GetProperty("draft").GetRawText();
        _site.Server.Time.Advance(TimeSpan.FromMinutes(5));

        var failed = await supervisor.PostAsync($"api/drafts/{id}/approve", new { comment = "同意" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        var after = (await editor.GetJsonAsync($"api/drafts/{id}")).GetProperty("draft");
        Assert.Equal(before, after.GetRawText());
        Assert.Equal("submitted", after.GetProperty("state").GetString());
        Assert.Single(await _site.Server.AccessLogAsync(), e => e is { Action: DraftAudit.Approve, Outcome: "failed" } && e.Target == DraftAudit.Target(id));

        _failing = false;
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"api/drafts/{id}/approve", new { comment = "再批一次" })).StatusCode);
        var published = (await editor.GetJsonAsync($"api/drafts/{id}")).GetProperty("draft");
        Assert.Equal(("published", "supervisor", "再批一次"),
            (published.GetProperty("state").GetString(), published.GetProperty("reviewer").GetString(), published.GetProperty("reviewComment").GetString()));
        Assert.Equal(_site.Host.Current!.Version, published.GetProperty("publishedVersion").GetString());
    }

    /// <summary>Publishes nothing (as when the published files do not load) while the test says so.</summary>
    private sealed class FailingWorkbench(IFlowWorkbench inner, DraftPublishFailureTests test) : IFlowWorkbench
    {
        public string ReplayDirectory => inner.ReplayDirectory;

        public Task<ReplayReport> ReplayAsync(Ivr.Flows.Model.FlowSet set, string replayDirectory, CancellationToken cancellation)
            => inner.ReplayAsync(set, replayDirectory, cancellation);

        public Task<string?> PublishAsync(IReadOnlyList<DraftFileChange> files, string publishedBy, CancellationToken cancellation)
            => test._failing ? Task.FromResult<string?>(null) : inner.PublishAsync(files, publishedBy, cancellation);
    }
}
