using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Ivr.OperationsConsole.Tests.Support;
using Xunit.Abstractions;
using static Ivr.OperationsConsole.Tests.Drafts.DraftFileTests;

namespace Ivr.OperationsConsole.Tests.Drafts;

/// <summary>
/// The whole path over the API: an editor changes the main menu's prompt text and a key, sees a validation error come
/// and go, runs the replay gate (a script fails with its difference), fixes the script, submits; the author cannot
/// approve, a supervisor does and the new version serves at once; a rollback serves the old one again.
/// </summary>
public sealed class DraftReviewTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string MenuText = "养老保险查询请按1，社会保险缴费查询请按2，社保卡服务请按3，劳动能力鉴定结论查询请按4，传真服务请按5，语音留言请按6，投诉请按7，人工服务请按0。";
    private const string NewMenuText = "养老保险查询请按1，社会保险缴费查询请按2，社保卡服务请按3，劳动能力鉴定结论查询请按4，传真服务请按5，语音留言请按6，投诉请按7，人工服务请按0或9。";

    private WorkbenchSite _site = null!;

    public async Task InitializeAsync() => _site = await WorkbenchSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task EditCheckFixSubmitApprove_ServesTheNewVersion_AndRollbackServesTheOldOne()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        using var supervisor = await _site.Server.SignedInAsync("supervisor");
        var baseVersion = _site.Host.Current!.Version;
        var id = await OpenAsync(editor);
        var main = await ReadAsync(editor, id, "flows/main.yaml");
        var catalog = await ReadAsync(editor, id, "prompts/catalog.yaml");
        Assert.Contains(MenuText, catalog);

        // A typo in the new key's target: the validator names the file, line and column; the fix makes it go away.
        await SaveOkAsync(editor, id, "flows/main.yaml", main.Replace("      \"0\": agent\n", "      \"0\": agent\n      \"9\": agnet\n"), 0);
        var (broken, brokenMs) = await CheckAsync(editor, id, replay: false);
        await SaveOkAsync(editor, id, "flows/main.yaml", main.Replace("      \"0\": agent\n", "      \"0\": agent\n      \"9\": agent\n"), 1);
        await SaveOkAsync(editor, id, "prompts/catalog.yaml", catalog.Replace(MenuText, NewMenuText), 0);
        var (fixedCheck, fixedMs) = await CheckAsync(editor, id, replay: false);

        var error = broken.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal("flows/main.yaml", error.GetProperty("path").GetString());
        Assert.Equal(LineOf(main, "\"0\": agent") + 1, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() > 0);
        Assert.Contains("agnet", error.GetProperty("message").GetString());
        Assert.False(broken.GetProperty("valid").GetBoolean());
        Assert.True(fixedCheck.GetProperty("valid").GetBoolean());
        Assert.DoesNotContain(fixedCheck.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");
        output.WriteLine($"validation round trip (save → diagnostics): {brokenMs:F0} ms and {fixedMs:F0} ms");

        // The replay gate: key 9 is no longer invalid at the main menu, so the script that presses it fails; fixed, all pass.
        var (failing, failingMs) = await CheckAsync(editor, id, replay: true);
        var failed = Failed(failing);
        Assert.Contains("main/06-invalid-then-valid.yaml", failed.Keys);
        Assert.Contains("invalid_key", failed["main/06-invalid-then-valid.yaml"]);
        var refused = await editor.PostAsync($"api/drafts/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("reason_required", (await ApiClient.Json(refused)).GetProperty("error").GetString());
        foreach (var script in failed.Keys)
        {
            var text = await ReadAsync(editor, id, $"replay/{script}");
            await SaveOkAsync(editor, id, $"replay/{script}", text.Replace("press: \"9\"", "press: \"8\""), 0);
        }

        var (passing, passingMs) = await CheckAsync(editor, id, replay: true);
        Assert.Empty(Failed(passing));
        var replay = passing.GetProperty("replay");
        Assert.True(replay.GetProperty("passed").GetInt32() > 100);
        Assert.Equal(replay.GetProperty("nodes").GetInt32(), replay.GetProperty("nodesCovered").GetInt32());
        output.WriteLine($"replay gate: {failingMs:F0} ms with {failed.Count} failing, {passingMs:F0} ms all {replay.GetProperty("passed").GetInt32()} passing " +
            $"(runner {replay.GetProperty("seconds").GetDouble():F2} s)");

        // Submit; the author cannot approve their own draft; a supervisor approves and it serves at once.
        await PostOkAsync(editor, $"api/drafts/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsync($"api/drafts/{id}/approve", new { comment = "mine" })).StatusCode);
        var started = Stopwatch.GetTimestamp();
        var approved = await supervisor.PostAsync($"api/drafts/{id}/approve", new { comment = "好" });
        var publishMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var approval = await ApiClient.Json(approved);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var published = approval.GetProperty("version").GetString();
        Assert.Equal(published, _site.Host.Current!.Version);
        Assert.NotEqual(baseVersion, published);
        Assert.Contains("\"9\": agent", await File.ReadAllTextAsync(Path.Combine(_site.Flows, "main.yaml")));
        Assert.Contains(NewMenuText, await File.ReadAllTextAsync(Path.Combine(_site.Prompts, "catalog.yaml")));
        Assert.Contains("press: \"8\"", await File.ReadAllTextAsync(Path.Combine(_site.Replay, "main", "06-invalid-then-valid.yaml")));
        Assert.Empty(Directory.EnumerateFiles(_site.Flows, ".*", SearchOption.AllDirectories)); // no temporary file left behind
        Assert.True(publishMs < 60_000, $"approve → served took {publishMs:F0} ms"); // the ≤ 1 s target is measured and reported, not asserted on a loaded machine
        output.WriteLine($"approve → served: {publishMs:F0} ms (publish itself {approval.GetProperty("publishMilliseconds").GetDouble():F0} ms)");
        var draft = (await editor.GetJsonAsync($"api/drafts/{id}")).GetProperty("draft");
        Assert.Equal("published", draft.GetProperty("state").GetString());
        Assert.Equal("supervisor", draft.GetProperty("reviewer").GetString());

        // Rollback: a reason is required; then the base version serves again.
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsync("api/flows/rollback", new { version = baseVersion, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsync("api/flows/rollback", new { version = baseVersion })).StatusCode);
        var rollback = await supervisor.PostAsync("api/flows/rollback", new { version = baseVersion, reason = "来电反映按9无效" });
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal(baseVersion, _site.Host.Current!.Version);
        Assert.Contains(MenuText, await File.ReadAllTextAsync(Path.Combine(_site.Prompts, "catalog.yaml")));

        var audit = await _site.Server.AccessLogAsync();
        foreach (var action in new[] { "draft_create", "draft_save", "draft_submit", "draft_approve", "flow_rollback" })
            Assert.Contains(audit, e => e.Action == action);
        Assert.Contains(audit, e => e.Action == "refused" && e.User == "editor" && e.Target == $"POST /api/drafts/{id}/approve");
        Assert.Contains(audit, e => e.Action == "draft_approve" && e.User == "supervisor" && e.Outcome == "published");
    }

    [Fact]
    public async Task ABreakingDraft_SubmittedWithAReason_TheReviewerSeesReasonAndResult_AndCanSendItBack()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        using var supervisor = await _site.Server.SignedInAsync("supervisor");
        var id = await OpenAsync(editor);
        var main = await ReadAsync(editor, id, "flows/main.yaml");
        await SaveOkAsync(editor, id, "flows/main.yaml", main.Replace("      \"0\": agent\n", "      \"0\": agent\n      \"9\": agent\n"), 0);

        await PostOkAsync(editor, $"api/drafts/{id}/submit", new { reason = "按9转人工是新规定，脚本随后更新" });
        var seen = (await supervisor.GetJsonAsync($"api/drafts/{id}")).GetProperty("draft");
        var rejectWithout = await supervisor.PostAsync($"api/drafts/{id}/reject", new { });
        var rejected = await supervisor.PostAsync($"api/drafts/{id}/reject", new { comment = "先更新脚本" });
        var again = await SaveAsync(editor, id, "flows/main.yaml", main, 1);

        Assert.Equal("按9转人工是新规定，脚本随后更新", seen.GetProperty("submitReason").GetString());
        Assert.True(seen.GetProperty("check").GetProperty("replay").GetProperty("failed").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // a draft sent back is edited again
        Assert.Equal("open", (await editor.GetJsonAsync($"api/drafts/{id}")).GetProperty("draft").GetProperty("state").GetString());
    }

    [Fact]
    public async Task AnAdminWhoWroteTheDraft_CannotApproveIt_AnotherReviewerCan()
    {
        using var admin = await _site.Server.SignedInAsync("admin");
        using var supervisor = await _site.Server.SignedInAsync("supervisor");
        var id = await OpenAsync(admin);
        var routes = await ReadAsync(admin, id, "flows/routes.yaml");
        await SaveOkAsync(admin, id, "flows/routes.yaml", routes + "# by the admin\n", 0);
        var early = await supervisor.PostAsync($"api/drafts/{id}/approve", new { comment = "还没提交" });
        await PostOkAsync(admin, $"api/drafts/{id}/submit", new { });

        var own = await admin.PostAsync($"api/drafts/{id}/approve", new { comment = "自己批准" });
        var ownReject = await admin.PostAsync($"api/drafts/{id}/reject", new { comment = "自己退回" });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ownReject.StatusCode);
        var audit = await _site.Server.AccessLogAsync();
        Assert.Contains(audit, e => e.Action == "draft_approve" && e.User == "supervisor" && e.Outcome == "refused_not_submitted" && e.Target == $"draft:{id}");
        Assert.Contains(audit, e => e.Action == "draft_approve" && e.User == "admin" && e.Outcome == "refused_own_draft");
        Assert.Contains(audit, e => e.Action == "draft_reject" && e.User == "admin" && e.Outcome == "refused_own_draft" && e.Target == $"draft:{id}");
        await PostOkAsync(supervisor, $"api/drafts/{id}/approve", new { comment = "ok" });
    }

    [Fact]
    public async Task ServerRestartsMidReview_TheDraftIsStillThere_AndIsApproved()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        var id = await OpenAsync(editor);
        var routes = await ReadAsync(editor, id, "flows/routes.yaml");
        await SaveOkAsync(editor, id, "flows/routes.yaml", routes + "# reviewed after a restart\n", 0);
        await PostOkAsync(editor, $"api/drafts/{id}/submit", new { });

        await _site.Server.RestartAsync();
        using var supervisor = await _site.Server.SignedInAsync("supervisor");
        var draft = (await supervisor.GetJsonAsync($"api/drafts/{id}")).GetProperty("draft");
        var approved = await supervisor.PostAsync($"api/drafts/{id}/approve", new { comment = "ok" });

        Assert.Equal("submitted", draft.GetProperty("state").GetString());
        Assert.Equal("flows/routes.yaml", draft.GetProperty("changed")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.EndsWith("# reviewed after a restart\n", await File.ReadAllTextAsync(Path.Combine(_site.Flows, "routes.yaml")));
    }

    [Fact]
    public async Task ANewerVersionServesThanTheBase_ApproveSaysSoWithTheDiff_AndOverwritesOnlyWhenTold()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        using var supervisor = await _site.Server.SignedInAsync("supervisor");
        var id = await OpenAsync(editor);
        var routes = await ReadAsync(editor, id, "flows/routes.yaml");
        await SaveOkAsync(editor, id, "flows/routes.yaml", routes + "# from the draft\n", 0);
        await PostOkAsync(editor, $"api/drafts/{id}/submit", new { });
        await File.AppendAllTextAsync(Path.Combine(_site.Flows, "routes.yaml"), "# saved on the server meanwhile\n");
        Assert.True(_site.Host.Reload());

        var refused = await supervisor.PostAsync($"api/drafts/{id}/approve", new { comment = "ok" });
        var body = await ApiClient.Json(refused);
        var overwritten = await supervisor.PostAsync($"api/drafts/{id}/approve", new { comment = "ok", overwrite = true });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("newer_version", body.GetProperty("error").GetString());
        Assert.Contains("-# saved on the server meanwhile", body.GetProperty("diff").GetString());
        Assert.Contains("+# from the draft", body.GetProperty("diff").GetString());
        Assert.Equal(HttpStatusCode.OK, overwritten.StatusCode);
        Assert.EndsWith("# from the draft\n", await File.ReadAllTextAsync(Path.Combine(_site.Flows, "routes.yaml")));
        var audit = await _site.Server.AccessLogAsync();
        Assert.Contains(audit, e => e is { Action: "draft_approve", User: "supervisor", Outcome: "refused_newer_version" } && e.Target == $"draft:{id}");
        Assert.Contains(audit, e => e is { Action: "draft_approve", Outcome: "published" } && e.Detail!.Contains("overwritten", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADraftThatNoLongerValidates_IsNotPublished()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        using var supervisor = await _site.Server.SignedInAsync("supervisor");
        var id = await OpenAsync(editor);
        var routes = await ReadAsync(editor, id, "flows/routes.yaml");
        await SaveOkAsync(editor, id, "flows/routes.yaml", routes + "# harmless\n", 0);
        await PostOkAsync(editor, $"api/drafts/{id}/submit", new { });
        await File.WriteAllTextAsync(Path.Combine(_site.Flows, "fax.yaml"), "flow: fax\nnodes: [not, a, mapping\n"); // broken on disk meanwhile
        var before = _site.Host.Current!.Version;

        var refused = await supervisor.PostAsync($"api/drafts/{id}/approve", new { comment = "ok", overwrite = true });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("invalid", (await ApiClient.Json(refused)).GetProperty("error").GetString());
        Assert.Equal(before, _site.Host.Current!.Version);
        Assert.DoesNotContain("# harmless", await File.ReadAllTextAsync(Path.Combine(_site.Flows, "routes.yaml")));
    }

    private static async Task<JsonElement> PostOkAsync(ApiClient client, string path, object body)
    {
        var response = await client.PostAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 2000)]}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<string> ReadAsync(ApiClient client, long id, string path)
        => (await client.GetJsonAsync($"api/drafts/{id}/files/{path}")).GetProperty("content").GetString()!;

    private static async Task SaveOkAsync(ApiClient client, long id, string path, string content, long revision)
    {
        var response = await SaveAsync(client, id, path, content, revision);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"save {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<(JsonElement Report, double Milliseconds)> CheckAsync(ApiClient client, long id, bool replay)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await client.PostAsync($"api/drafts/{id}/check?replay={(replay ? "true" : "false")}");
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return ((await ApiClient.Json(response)).GetProperty("report"), elapsed);
    }

    private static Dictionary<string, string> Failed(JsonElement report)
        => report.GetProperty("replay").GetProperty("scripts").EnumerateArray()
            .Where(s => !s.GetProperty("passed").GetBoolean())
            .ToDictionary(s => s.GetProperty("script").GetString()!, s => s.GetProperty("failure").GetString()!);

    private static int LineOf(string text, string fragment)
        => text[..text.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
