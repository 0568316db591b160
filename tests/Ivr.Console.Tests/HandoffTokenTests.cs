using System.Net;
using Ivr.Core.Handoffs;
using Ivr.Data.Handoffs;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

/// <summary><c>GET /api/transfer-contexts/{token}</c> and <c>GET /api/assist-results/{token}</c>: agent role, each token
/// answers once for 10 minutes, an assist result only to its agent (or a supervisor); every answer audited by call,
/// never by token.</summary>
public sealed class HandoffTokenTests : IAsyncLifetime
{
    private const string ResidentId = "11010519491231002X";
    private ConsoleTestServer _server = null!;
    private HandoffTokenStore _store = null!;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        _store = new HandoffTokenStore(_server.Database, _server.Time);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<string> AssistResultAsync(string agent) => _store.IssueAsync(new Handoff(HandoffKinds.AssistResult, "call-9", agent,
        new Dictionary<string, string> { ["result"] = "verified", ["purpose"] = "verify", ["id_number"] = ResidentId, ["id_masked"] = "110105********002X" }), default);

    [Fact]
    public async Task AssistResult_ItsAgentReadsTheClearIdOnce_ThenNotFound_AuditedByCall()
    {
        var token = await AssistResultAsync("agent");
        using var agent = await _server.SignedInAsync("agent");

        var first = await agent.GetAsync($"api/assist-results/{token}");
        var second = await agent.GetAsync($"api/assist-results/{token}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await ApiClient.Json(first);
        Assert.Equal(ResidentId, body.GetProperty("values").GetProperty("id_number").GetString());
        Assert.Equal("verified", body.GetProperty("values").GetProperty("result").GetString());
        Assert.Equal("call-9", body.GetProperty("callId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        var log = (await _server.AccessLogAsync()).Where(e => e.Action == "assist_result_read").ToList();
        Assert.Contains(log, e => (e.User, e.Target, e.Outcome) == ("agent", "call:call-9", "ok"));
        Assert.Contains(log, e => e.Outcome == "not_found" && e.Target == $"token:{token[..6]}…");
        Assert.DoesNotContain(log, e => e.Target.Contains(token));
        Assert.Contains(_server.ServerLog, l => l.Contains("used, expired or unknown (404)"));
        Assert.DoesNotContain(ResidentId, string.Join("\n", _server.ServerLog) + string.Join("\n", log.Select(e => $"{e.Target} {e.Detail}")));
    }

    [Fact]
    public async Task AssistResult_AnotherAgent_403Logged_TheTokenStaysForItsAgent()
    {
        var token = await AssistResultAsync("agent");
        using var other = await _server.SignedInAsync("agent2");
        using var agent = await _server.SignedInAsync("agent");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"api/assist-results/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"api/assist-results/{token}")).StatusCode);
        Assert.Contains(await _server.AccessLogAsync(), e => (e.User, e.Action, e.Outcome) == ("agent2", "assist_result_read", "forbidden"));
        Assert.Contains(_server.ServerLog, l => l.Contains("agent2 asked for the assist_result of call call-9, meant for agent (403)"));
    }

    [Fact]
    public async Task AssistResult_Supervisor_ReadsAnyAgentsResult()
    {
        var token = await AssistResultAsync("agent");
        using var supervisor = await _server.SignedInAsync("supervisor");

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"api/assist-results/{token}")).StatusCode);
    }

    [Fact]
    public async Task Tokens_ExpireAfterTenMinutes_AndAnswerOnlyTheirOwnKind()
    {
        var result = await AssistResultAsync("agent");
        var context = await _store.IssueAsync(new Handoff(HandoffKinds.TransferContext, "call-3", null,
            new Dictionary<string, string> { ["queue"] = "general", ["path"] = "main>agent" }), default);
        using var agent = await _server.SignedInAsync("agent");

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"api/transfer-contexts/{result}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"api/transfer-contexts/{context}")).StatusCode);
        _server.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"api/assist-results/{result}")).StatusCode);
    }

    [Theory]
    [InlineData("editor")]
    public async Task OtherRoles_Refused(string user)
    {
        var token = await AssistResultAsync("agent");
        using var client = await _server.SignedInAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"api/assist-results/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"api/transfer-contexts/{token}")).StatusCode);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    public async Task MalformedToken_404WithoutALookup(string token)
    {
        using var agent = await _server.SignedInAsync("agent");

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"api/assist-results/{token}")).StatusCode);
        Assert.Contains(await _server.AccessLogAsync(), e => e.Target == "token:(malformed)");
    }
}
