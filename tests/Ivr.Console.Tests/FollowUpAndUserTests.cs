using System.Net;
using Ivr.Data.FollowUps;
using Ivr.OperationsConsole.Tests.Support;

namespace Ivr.OperationsConsole.Tests;

public sealed class FollowUpAndUserTests : IAsyncLifetime
{
    private ConsoleTestServer _server = null!;
    private long _followUp;

    public async Task InitializeAsync()
    {
        _server = await ConsoleTestServer.StartAsync();
        await using var connection = await _server.Database.OpenConnectionAsync(CancellationToken.None);
        _followUp = await new FollowUpRepository(connection).InsertAsync("call-7", "survey: dissatisfied", _server.Time.GetUtcNow(),
            new DateOnly(2026, 11, 30), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FollowUp_AssignedAndDone_WithWorkingDaysLeft()
    {
        using var supervisor = await _server.SignedInAsync("supervisor");
        var open = Assert.Single((await supervisor.GetJsonAsync("api/follow-ups")).EnumerateArray());
        Assert.Equal(5, open.GetProperty("workingDaysLeft").GetInt32()); // Monday 23rd to Monday 30th: five working days
        Assert.False(open.GetProperty("overdue").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"api/follow-ups/{_followUp}/assign", new { user = "agent" })).StatusCode);
        using var agent = await _server.SignedInAsync("agent");
        var done = await agent.PostAsync($"api/follow-ups/{_followUp}/done", new { outcome = "回访完成，来电人表示满意" });

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("done", (await ApiClient.Json(done)).GetProperty("status").GetString());
        Assert.Empty((await supervisor.GetJsonAsync("api/follow-ups")).EnumerateArray());
        Assert.Single((await supervisor.GetJsonAsync("api/follow-ups?status=all")).EnumerateArray());
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "follow_up_done", User: "agent" });
    }

    [Fact]
    public async Task Users_CreateRejectsBadInput_AndRoleChangesTakeEffectAtOnce()
    {
        using var admin = await _server.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("api/users", new { name = "Li Wei", role = "agent", password = "long-enough-pw" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("api/users", new { name = "liwei", role = "boss", password = "long-enough-pw" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("api/users", new { name = "liwei", role = "agent", password = "short" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("api/users", new { name = "agent", role = "agent", password = "long-enough-pw" })).StatusCode);
        var users = (await admin.GetJsonAsync("api/users")).EnumerateArray().Select(u => u.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("liwei", users);
        Assert.DoesNotContain("pbkdf2", _server.Log.BodiesAsText()); // no response carries a password hash

        using var editor = await _server.SignedInAsync("editor");
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("api/calls")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Patch, "api/users/editor", new { role = "supervisor" })).StatusCode);
        using var again = await _server.SignedInAsync("editor");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("api/calls")).StatusCode);
        Assert.Contains(await _server.AccessLogAsync(), e => e is { Action: "user_change", Target: "user:editor" } && e.Detail!.Contains("editor -> supervisor"));
    }
}
