using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests.Drafts;

/// <summary>Drafts' files over the API: reading the serving file, saving with revisions, conflicts, bad input, roles and CSRF.</summary>
public sealed class DraftFileTests : IAsyncLifetime
{
    private WorkbenchSite _site = null!;

    public async Task InitializeAsync() => _site = await WorkbenchSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task OpenDraft_RemembersTheServingVersion_AndReadsItsFiles()
    {
        using var editor = await _site.Server.SignedInAsync("editor");

        var id = await OpenAsync(editor);
        var draft = await editor.GetJsonAsync($"api/drafts/{id}");
        var file = await editor.GetJsonAsync($"api/drafts/{id}/files/flows/main.yaml");

        Assert.Equal(_site.Host.Current!.Version, draft.GetProperty("draft").GetProperty("baseVersion").GetString());
        Assert.Equal("editor", draft.GetProperty("draft").GetProperty("author").GetString());
        var files = draft.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("flows/main.yaml", files);
        Assert.Contains("flows/calendar.yaml", files);
        Assert.Contains("prompts/catalog.yaml", files);
        Assert.Contains("replay/main/06-invalid-then-valid.yaml", files);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(_site.Flows, "main.yaml")), file.GetProperty("content").GetString());
        Assert.Equal(0, file.GetProperty("revision").GetInt64());
        Assert.False(file.GetProperty("changed").GetBoolean());
    }

    [Fact]
    public async Task Save_ThenSaveAgain_RevisionsGrow_AndTheServingFileIsUntouched()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        var id = await OpenAsync(editor);
        var serving = await File.ReadAllTextAsync(Path.Combine(_site.Flows, "main.yaml"));

        var first = await SaveAsync(editor, id, "flows/main.yaml", serving + "\n# one\n", 0);
        var second = await SaveAsync(editor, id, "flows/main.yaml", serving + "\n# two\n", 1);
        var file = await editor.GetJsonAsync($"api/drafts/{id}/files/flows/main.yaml");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, file.GetProperty("revision").GetInt64());
        Assert.EndsWith("# two\n", file.GetProperty("content").GetString());
        Assert.Equal(serving, await File.ReadAllTextAsync(Path.Combine(_site.Flows, "main.yaml")));
        Assert.Contains((await _site.Server.AccessLogAsync()), e => e.Action == "draft_save" && e.Target == $"draft:{id}" && e.User == "editor");
    }

    [Fact]
    public async Task TwoEditorsSaveTheSameRevision_TheSecondGetsAConflictWithTheDiff()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        using var other = await _site.Server.SignedInAsync("editor2");
        var id = await OpenAsync(editor);
        var serving = await File.ReadAllTextAsync(Path.Combine(_site.Flows, "routes.yaml"));

        var first = await SaveAsync(editor, id, "flows/routes.yaml", serving + "# first editor\n", 0);
        var second = await SaveAsync(other, id, "flows/routes.yaml", serving + "# second editor\n", 0);
        var body = await ApiClient.Json(second);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(1, body.GetProperty("revision").GetInt64());
        var diff = body.GetProperty("diff").GetString()!;
        Assert.Contains("-# first editor", diff);
        Assert.Contains("+# second editor", diff);
        Assert.EndsWith("# first editor\n", (await editor.GetJsonAsync($"api/drafts/{id}/files/flows/routes.yaml")).GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("flows/%2E%2E/%2E%2E/etc/passwd.yaml")]
    [InlineData("etc/passwd.yaml")]
    [InlineData("flows/prompt.wav")]
    [InlineData("flows/.hidden.yaml")]
    public async Task PathsOutsideTheFlowSetOrNotText_AreRefused(string path)
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        var id = await OpenAsync(editor);

        var response = await SaveAsync(editor, id, path, "a: b\n", 0);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        Assert.False(File.Exists("/etc/passwd.yaml"));
    }

    [Fact]
    public async Task BinaryHugeAndNonUtf8Bodies_AreRefused()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        var id = await OpenAsync(editor);

        var binary = await SaveAsync(editor, id, "flows/main.yaml", "a: b\u0000\u0001", 0);
        var huge = await SaveAsync(editor, id, "flows/main.yaml", new string('x', 300 * 1024), 0);
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/drafts/{id}/files/flows/main.yaml")
        {
            Content = new ByteArrayContent([.. Encoding.ASCII.GetBytes("{\"content\":\"a: "), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\",\"revision\":0}")]),
        };
        request.Content.Headers.ContentType = new("application/json");
        var notUtf8 = await editor.SendRawAsync(request);
        var loneSurrogate = new HttpRequestMessage(HttpMethod.Put, $"api/drafts/{id}/files/flows/main.yaml")
        {
            Content = new StringContent("{\"content\":\"a: \\ud800\",\"revision\":0}", Encoding.UTF8, "application/json"),
        };
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.SendRawAsync(loneSurrogate)).StatusCode); // text no UTF-8 can hold

        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.Equal(0, (await editor.GetJsonAsync($"api/drafts/{id}/files/flows/main.yaml")).GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Agents_CannotSeeDrafts_AndASaveWithoutCsrfIsRefused()
    {
        using var editor = await _site.Server.SignedInAsync("editor");
        using var agent = await _site.Server.SignedInAsync("agent");
        using var supervisor = await _site.Server.SignedInAsync("supervisor");
        var id = await OpenAsync(editor);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/drafts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync("api/drafts", new { title = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync("api/drafts", new { title = "x" })).StatusCode);
        var noCsrf = await editor.SendAsync(HttpMethod.Put, $"api/drafts/{id}/files/flows/main.yaml", new { content = "a: b\n", revision = 0 }, withCsrf: false);
        Assert.Equal(HttpStatusCode.Forbidden, noCsrf.StatusCode);
        Assert.Equal("csrf", (await ApiClient.Json(noCsrf)).GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Array, (await supervisor.GetJsonAsync("api/drafts")).ValueKind);
    }

    internal static async Task<long> OpenAsync(ApiClient editor, string title = "测试草稿")
    {
        var response = await editor.PostAsync("api/drafts", new { title });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiClient.Json(response)).GetProperty("id").GetInt64();
    }

    internal static Task<HttpResponseMessage> SaveAsync(ApiClient client, long id, string path, string content, long revision)
        => client.SendAsync(HttpMethod.Put, $"api/drafts/{id}/files/{path}", new { content, revision });
}
