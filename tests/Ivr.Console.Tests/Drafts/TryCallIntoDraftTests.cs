using System.Net;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Drafts;

/// <summary>
/// A try-call of a draft (issue 15, item 8): it runs on the draft's flow set (its changed prompt text plays), and is saved into
/// that draft as <c>replay/FLOW/NN-NAME.yaml</c>, numbered after the scripts already there, audited, secrets as placeholders.
/// </summary>
public sealed class TryCallIntoDraftTests : IAsyncLifetime
{
    private const string Welcome = "您好，这是草稿里的欢迎词。";
    private WorkbenchSite _site = null!;

    public async Task InitializeAsync() => _site = await WorkbenchSite.StartAsync(withEditor: true);

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task DraftTryCall_PlaysTheDraft_SavedIntoTheDraftNumberedAfterTheScriptsThere()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        var draft = await DraftFileTests.OpenAsync(editor);

        var started = await editor.PostAsync($"/api/drafts/{draft}/try-calls", new { });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var call = await ApiClient.Json(started);
        var id = call.GetProperty("id").GetString()!;
        Assert.Equal(draft, call.GetProperty("draftId").GetInt64());
        _site.Server.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.Accepted, (await editor.PostAsync($"/api/try-calls/{id}/keys", new { digits = "1" })).StatusCode);
        _site.Server.Time.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(HttpStatusCode.Accepted, (await editor.PostAsync($"/api/try-calls/{id}/keys", new { digits = "11010519491231002*#" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await editor.PostAsync($"/api/try-calls/{id}/hangup", new { })).StatusCode);

        var saved = await editor.PostAsync($"/api/try-calls/{id}/save-to-draft", new { name = "pension-from-try" });

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var path = (await ApiClient.Json(saved)).GetProperty("path").GetString()!;
        var existing = Directory.GetFiles(Path.Combine(_site.Replay, "pension"), "*.yaml").Length;
        Assert.Equal($"replay/pension/{existing + 1:D2}-pension-from-try.yaml", path); // the first subflow the call entered
        var file = await editor.GetJsonAsync($"api/drafts/{draft}/files/{path}");
        Assert.True(file.GetProperty("changed").GetBoolean());
        var script = file.GetProperty("content").GetString()!;
        Assert.Contains("press: \"1\"", script);
        Assert.DoesNotContain("11010519491231002", script);
        Assert.Contains(await _site.Server.AccessLogAsync(), e => e is { Action: "draft_save", Outcome: "ok" } && e.Target == $"draft:{draft}"
            && e.Detail!.Contains(path, StringComparison.Ordinal) && e.Detail.Contains(id, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_site.Replay, "pension", Path.GetFileName(path)))); // into the draft, not the serving folder

        var again = await editor.PostAsync($"/api/try-calls/{id}/save-to-draft", new { name = "pension-from-try", flow = "main" });
        var mainScripts = Directory.GetFiles(Path.Combine(_site.Replay, "main"), "*.yaml").Length;
        Assert.Equal($"replay/main/{mainScripts + 1:D2}-pension-from-try.yaml", (await ApiClient.Json(again)).GetProperty("path").GetString());
    }

    [Fact]
    public async Task DraftTryCall_HearsTheDraftsWelcome()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        var draft = await DraftFileTests.OpenAsync(editor);
        var catalog = await File.ReadAllTextAsync(Path.Combine(_site.Prompts, "catalog.yaml"));
        Assert.Equal(HttpStatusCode.OK, (await DraftFileTests.SaveAsync(editor, draft, "prompts/catalog.yaml",
            catalog.Replace("您好，欢迎致电幺二三三三人力资源和社会保障咨询服务热线。", Welcome), 0)).StatusCode);

        var id = (await ApiClient.Json(await editor.PostAsync($"/api/drafts/{draft}/try-calls", new { }))).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Accepted, (await editor.PostAsync($"/api/try-calls/{id}/hangup", new { })).StatusCode);

        Assert.Contains(Welcome, await PromptTextsAsync(editor, id));
    }

    [Fact]
    public async Task BadInput_Refused()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        using var other = await _site.Server.SignedInAsync("editor2");
        var draft = await DraftFileTests.OpenAsync(editor);
        var id = (await ApiClient.Json(await editor.PostAsync($"/api/drafts/{draft}/try-calls", new { }))).GetProperty("id").GetString()!;
        var serving = (await ApiClient.Json(await editor.PostAsync("/api/try-calls", new { }))).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PostAsync($"/api/try-calls/{id}/save-to-draft", new { name = "../escape" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PostAsync($"/api/try-calls/{id}/save-to-draft", new { name = "ok", flow = "nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/try-calls/{id}/save-to-draft", new { name = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.PostAsync($"/api/try-calls/{serving}/save-to-draft", new { name = "served" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync("/api/drafts/999/try-calls", new { })).StatusCode);

        var broken = await DraftFileTests.OpenAsync(other);
        await DraftFileTests.SaveAsync(other, broken, "flows/main.yaml", "not: [a flow", 0);
        var refused = await other.PostAsync($"/api/drafts/{broken}/try-calls", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("invalid", (await ApiClient.Json(refused)).GetProperty("error").GetString());
    }

    /// <summary>The text of every prompt the call played, from its event stream (read to the call's end).</summary>
    private static async Task<List<string>> PromptTextsAsync(ApiClient client, string id)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.StreamAsync($"/api/try-calls/{id}/events", limit.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(limit.Token));
        var texts = new List<string>();
        while (await reader.ReadLineAsync(limit.Token) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var data = System.Text.Json.JsonDocument.Parse(line[6..]).RootElement;
            if (data.TryGetProperty("prompts", out var prompts) && prompts.ValueKind == System.Text.Json.JsonValueKind.Array)
                texts.AddRange(prompts.EnumerateArray().Select(p => p.GetProperty("text").GetString() ?? ""));
        }

        return texts;
    }
}
