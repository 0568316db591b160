using System.Net;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary>Any Call-ID opens: percent-encoded as one path segment, or in the query string.</summary>
public sealed class CallIdUrlTests : IAsyncLifetime
{
    // RFC 3261 §25.1: a Call-ID is word ["@" word], and word allows / % ? " \ and more.
    private static readonly string[] Ids = ["a84b4c76e66710@pc33.atlanta.com", "abc/def@host", "a%2Fb", "a/b", "50%?x\"y\\z", "export.csv", "..", "."];

    private ConsoleTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        var seeder = new CallSeeder(_server);
        var at = _server.Time.GetUtcNow().AddHours(-1);
        foreach (var id in Ids) seeder.Call(id, "13012345273", at, "completed", CallSeeder.Entered("main.main_menu"));
        seeder.Flush();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("a84b4c76e66710@pc33.atlanta.com")]
    [InlineData("abc/def@host")]
    [InlineData("a%2Fb")]
    [InlineData("a/b")]
    [InlineData("50%?x\"y\\z")]
    public async Task PathForm_OpensTheCallAndItsScript(string id)
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var detail = await supervisor.GetJsonAsync($"api/calls/{Uri.EscapeDataString(id)}");
        var script = await supervisor.GetAsync($"api/calls/{Uri.EscapeDataString(id)}/script");

        Assert.Equal(id, detail.GetProperty("call").GetProperty("callId").GetString());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains(await _server.AccessLogAsync(), e => e.Action == "export_script" && e.Target == $"call:{id}");
    }

    [Theory]
    [InlineData("abc/def@host")]
    [InlineData("a%2Fb")]
    [InlineData("export.csv")]
    [InlineData("..")]
    [InlineData(".")]
    public async Task QueryForm_OpensAnyCall(string id)
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var detail = await supervisor.GetJsonAsync($"api/call?id={Uri.EscapeDataString(id)}");
        var script = await supervisor.GetAsync($"api/call/script?id={Uri.EscapeDataString(id)}");

        Assert.Equal(id, detail.GetProperty("call").GetProperty("callId").GetString());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task UnknownOrMissingId_And_WrongRole_AreRefused()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        using var agent = await _server.SignedInAsync("agent");

        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("api/calls/a%252Fb%2F")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("api/call")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("api/call?id=a%2Fb")).StatusCode);
    }

    [Fact]
    public async Task ThePageOfACallWhoseIdLooksLikeAFileName_IsTheConsole()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");

        var page = await supervisor.GetAsync($"calls/{Uri.EscapeDataString("a84b4c76e66710@pc33.atlanta.com")}");
        var missingScript = await supervisor.GetAsync("js/missing.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missingScript.StatusCode);
    }
}
